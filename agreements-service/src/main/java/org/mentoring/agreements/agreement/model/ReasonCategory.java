package org.mentoring.agreements.agreement.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;

/**
 * Why an agreement ended. People and admins choose among the first eight; the last three are set by the service alone,
 * when another service's decision ends the agreement (endedBy {@code SYSTEM}), and are refused with 422 when chosen
 * (the request's {@code reasonCategory} says so in the API document).
 * <p>
 * The schema is the one the released API document has, whichever use of the enum the OpenAPI scanner meets first: the
 * description and nullability of an ending's {@code reasonCategory}.
 */
@Schema(name = "ReasonCategory", description = "Why; none for a completion by both or by the schedule", nullable = true)
public enum ReasonCategory {
    NO_COMMON_GROUND, LACK_OF_TIME, GOALS_ACHIEVED, CHANGE_OF_ROLE, LEAVING_ORGANISATION, PERSONAL_REASONS,
    PROGRAMME_DECISION, OTHER,
    /** The programme was cancelled. */
    PROGRAMME_CANCELLED,
    /** The programme completed before the agreement was signed (or, for a COMPLETED agreement, with it). */
    PROGRAMME_COMPLETED,
    /** One of the pair left the organisation (the HR system deactivated them). */
    LEFT_ORGANISATION;

    /** Whether only the service sets this category. */
    public boolean systemOnly() {
        return this == PROGRAMME_CANCELLED || this == PROGRAMME_COMPLETED || this == LEFT_ORGANISATION;
    }

    /** The categories a person or an admin may choose. */
    public static List<ReasonCategory> chosenByPeople() {
        return Arrays.stream(values()).filter(c -> !c.systemOnly()).toList();
    }
}
