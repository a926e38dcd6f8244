package org.mentoring.contracts.events;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every event type the platform publishes, and the JSON Schema of its {@code data}. A type ends in its
 * version; a change that breaks a consumer is a new type with the next version. Several types may share
 * one schema when they carry the same snapshot (every application event carries the application as it
 * now stands, so a consumer never has to call back).
 */
public final class EventTypes {

    // applicants-service: programmes
    public static final String PROGRAMME_CREATED = "mentoring.programme.created.v1";
    public static final String PROGRAMME_UPDATED = "mentoring.programme.updated.v1";
    public static final String PROGRAMME_OPENED = "mentoring.programme.opened.v1";
    public static final String PROGRAMME_CLOSED = "mentoring.programme.closed.v1";
    public static final String PROGRAMME_STARTED = "mentoring.programme.started.v1";
    public static final String PROGRAMME_COMPLETED = "mentoring.programme.completed.v1";
    public static final String PROGRAMME_CANCELLED = "mentoring.programme.cancelled.v1";

    /** Every programme event: each carries the whole programme after the change, team included. */
    public static final java.util.Set<String> PROGRAMME_TYPES = java.util.Set.of(PROGRAMME_CREATED, PROGRAMME_UPDATED, PROGRAMME_OPENED,
            PROGRAMME_CLOSED, PROGRAMME_STARTED, PROGRAMME_COMPLETED, PROGRAMME_CANCELLED);

    // applicants-service: applications
    public static final String APPLICATION_SUBMITTED = "mentoring.application.submitted.v1";
    public static final String APPLICATION_UPDATED = "mentoring.application.updated.v1";
    public static final String APPLICATION_ACCEPTED = "mentoring.application.accepted.v1";
    public static final String APPLICATION_REJECTED = "mentoring.application.rejected.v1";
    public static final String APPLICATION_WITHDRAWN = "mentoring.application.withdrawn.v1";
    /** The programme completed: the application ran its course (its {@code status} is COMPLETED). */
    public static final String APPLICATION_COMPLETED = "mentoring.application.completed.v1";
    public static final String APPLICANT_ERASED = "mentoring.applicant.erased.v1";
    /** An admin asked for an interview or moved it; carries the time and the link, never the admins' notes. */
    public static final String APPLICATION_INTERVIEW_REQUESTED = "mentoring.application.interview-requested.v1";

    // applicants-service: people directory (HRIS)
    public static final String DIRECTORY_PERSON_UPSERTED = "mentoring.directory.person-upserted.v1";
    public static final String DIRECTORY_PERSON_DEACTIVATED = "mentoring.directory.person-deactivated.v1";
    /** A person's e-mail address, on {@link Topics#CONTACTS} only. */
    public static final String DIRECTORY_CONTACT_CHANGED = "mentoring.directory.contact-changed.v1";

    // matching-service
    public static final String MATCHING_RUN_COMPLETED = "mentoring.matching-run.completed.v1";
    public static final String MATCH_PROPOSED = "mentoring.match.proposed.v1";
    public static final String MATCH_CONFIRMED = "mentoring.match.confirmed.v1";
    public static final String MATCH_DECLINED = "mentoring.match.declined.v1";
    /**
     * An open proposal was withdrawn by the system, not by an answer: one of the two people left the pool (withdrew,
     * left the organisation, was erased) or the programme ended; {@code reason} says which.
     */
    public static final String MATCH_WITHDRAWN = "mentoring.match.withdrawn.v1";
    /**
     * An open proposal now breaks a hard rule after a change in the directory (a new manager, another institute): it is
     * kept for the admin to decide, never silently confirmed; {@code reason} names the broken rule.
     */
    public static final String MATCH_FLAGGED = "mentoring.match.flagged.v1";

    // agreements-service
    public static final String AGREEMENT_DRAFTED = "mentoring.agreement.drafted.v1";
    public static final String AGREEMENT_PROPOSED = "mentoring.agreement.proposed.v1";
    public static final String AGREEMENT_SIGNED = "mentoring.agreement.signed.v1";
    public static final String AGREEMENT_ACTIVATED = "mentoring.agreement.activated.v1";
    public static final String AGREEMENT_AMENDED = "mentoring.agreement.amended.v1";
    public static final String AGREEMENT_COMPLETED = "mentoring.agreement.completed.v1";
    public static final String AGREEMENT_TERMINATED = "mentoring.agreement.terminated.v1";

    // sessions-service (it still stages them itself, with the same names)
    public static final String MEETING_SCHEDULED = "mentoring.meeting.scheduled.v1";
    public static final String MEETING_RESCHEDULED = "mentoring.meeting.rescheduled.v1";
    public static final String MEETING_CANCELLED = "mentoring.meeting.cancelled.v1";
    public static final String MEETING_HELD = "mentoring.meeting.held.v1";
    public static final String MEETING_MISSED = "mentoring.meeting.missed.v1";
    public static final String MEETING_FEEDBACK_SUBMITTED = "mentoring.meeting.feedback-submitted.v1";
    public static final String PAIR_REMINDED = "mentoring.pair.reminded.v1";
    public static final String PAIR_AT_RISK = "mentoring.pair.at-risk.v1";

    // notifications-service
    /** A webhook subscription was switched off by the service: its target answered 410 Gone or kept failing. */
    public static final String WEBHOOK_DISABLED = "mentoring.webhook.disabled.v1";

    private static final String PROGRAMME_SCHEMA = "mentoring.programme.v1";
    private static final String APPLICATION_SCHEMA = "mentoring.application.v1";
    private static final String PERSON_SCHEMA = "mentoring.directory.person.v1";
    private static final String MATCH_SCHEMA = "mentoring.match.v1";
    private static final String AGREEMENT_SCHEMA = "mentoring.agreement.v1";
    private static final String MEETING_SCHEMA = "mentoring.meeting.v1";
    private static final String PAIR_ALERT_SCHEMA = "mentoring.pair-alert.v1";

    private static final Map<String, String> SCHEMA_OF = new TreeMap<>(Map.ofEntries(
            Map.entry(PROGRAMME_CREATED, PROGRAMME_SCHEMA),
            Map.entry(PROGRAMME_UPDATED, PROGRAMME_SCHEMA),
            Map.entry(PROGRAMME_OPENED, PROGRAMME_SCHEMA),
            Map.entry(PROGRAMME_CLOSED, PROGRAMME_SCHEMA),
            Map.entry(PROGRAMME_STARTED, PROGRAMME_SCHEMA),
            Map.entry(PROGRAMME_COMPLETED, PROGRAMME_SCHEMA),
            Map.entry(PROGRAMME_CANCELLED, PROGRAMME_SCHEMA),
            Map.entry(APPLICATION_SUBMITTED, APPLICATION_SCHEMA),
            Map.entry(APPLICATION_UPDATED, APPLICATION_SCHEMA),
            Map.entry(APPLICATION_ACCEPTED, APPLICATION_SCHEMA),
            Map.entry(APPLICATION_REJECTED, APPLICATION_SCHEMA),
            Map.entry(APPLICATION_WITHDRAWN, APPLICATION_SCHEMA),
            Map.entry(APPLICATION_COMPLETED, APPLICATION_SCHEMA),
            Map.entry(APPLICANT_ERASED, "mentoring.applicant.erased.v1"),
            Map.entry(APPLICATION_INTERVIEW_REQUESTED, "mentoring.interview.v1"),
            Map.entry(DIRECTORY_CONTACT_CHANGED, "mentoring.directory.contact.v1"),
            Map.entry(DIRECTORY_PERSON_UPSERTED, PERSON_SCHEMA),
            Map.entry(DIRECTORY_PERSON_DEACTIVATED, PERSON_SCHEMA),
            Map.entry(MATCHING_RUN_COMPLETED, "mentoring.matching-run.v1"),
            Map.entry(MATCH_PROPOSED, MATCH_SCHEMA),
            Map.entry(MATCH_CONFIRMED, MATCH_SCHEMA),
            Map.entry(MATCH_DECLINED, MATCH_SCHEMA),
            Map.entry(MATCH_WITHDRAWN, MATCH_SCHEMA),
            Map.entry(MATCH_FLAGGED, MATCH_SCHEMA),
            Map.entry(AGREEMENT_DRAFTED, AGREEMENT_SCHEMA),
            Map.entry(AGREEMENT_PROPOSED, AGREEMENT_SCHEMA),
            Map.entry(AGREEMENT_SIGNED, AGREEMENT_SCHEMA),
            Map.entry(AGREEMENT_ACTIVATED, AGREEMENT_SCHEMA),
            Map.entry(AGREEMENT_AMENDED, AGREEMENT_SCHEMA),
            Map.entry(AGREEMENT_COMPLETED, AGREEMENT_SCHEMA),
            Map.entry(AGREEMENT_TERMINATED, AGREEMENT_SCHEMA),
            Map.entry(MEETING_SCHEDULED, MEETING_SCHEMA),
            Map.entry(MEETING_RESCHEDULED, MEETING_SCHEMA),
            Map.entry(MEETING_CANCELLED, MEETING_SCHEMA),
            Map.entry(MEETING_HELD, MEETING_SCHEMA),
            Map.entry(MEETING_MISSED, MEETING_SCHEMA),
            Map.entry(MEETING_FEEDBACK_SUBMITTED, "mentoring.meeting-feedback.v1"),
            Map.entry(PAIR_REMINDED, PAIR_ALERT_SCHEMA),
            Map.entry(PAIR_AT_RISK, PAIR_ALERT_SCHEMA),
            Map.entry(WEBHOOK_DISABLED, "mentoring.webhook.disabled.v1")));

    /** All published types: each must have a schema (checked by the contracts' tests). */
    public static final List<String> ALL = List.copyOf(SCHEMA_OF.keySet());

    private EventTypes() {
    }

    /** Name of the schema of a type's {@code data}; fails for a type that is not published. */
    public static String schemaName(String type) {
        String schema = SCHEMA_OF.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("Unknown event type " + type);
        }
        return schema;
    }

    /** Classpath resource of the JSON Schema of an event type's {@code data}. */
    public static String schemaResource(String type) {
        return "schemas/" + schemaName(type) + ".json";
    }

    /** Value of the CloudEvents {@code dataschema} attribute for a type. */
    public static String schemaUri(String type) {
        return "urn:mentoring:schema:" + schemaName(type);
    }
}
