package org.mentoring.agreements.agreement.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * How an agreement ended. {@code endedBy} is MENTEE, MENTOR, BOTH (completion confirmed by both), ADMIN,
 * SCHEDULE (the end date passed) or SYSTEM (another service's decision: the programme was cancelled or completed, or one of
 * the pair left; {@code reasonCategory} says which). The private comment is shown to its author only and never published.
 */
public record Ending(
        String endedBy,
        String endedBySubject,
        String reasonCategory,
        String privateComment,
        String adminReason,
        Boolean closingConversationHeld,
        LocalDate closingConversationOn,
        Instant endedAt) {

    /** Who ends an agreement on another service's decision. */
    public static final String SYSTEM = "SYSTEM";

    /** An ending on another service's decision, for {@code reasonCategory}: no person, no comment, no closing conversation. */
    public static Ending bySystem(String reasonCategory, Instant at) {
        return new Ending(SYSTEM, null, reasonCategory, null, null, null, null, at);
    }

    public Ending withoutAuthor(String pseudonym) {
        return new Ending(endedBy, pseudonym, reasonCategory, null, adminReason, closingConversationHeld, closingConversationOn, endedAt);
    }
}
