package org.mentoring.agreements.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * How an agreement ended. {@code endedBy} is MENTEE, MENTOR, BOTH (completion confirmed by both), ADMIN or
 * SCHEDULE (the end date passed). The private comment is shown to its author only and never published.
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

    public Ending withoutAuthor(String pseudonym) {
        return new Ending(endedBy, pseudonym, reasonCategory, null, adminReason, closingConversationHeld, closingConversationOn, endedAt);
    }
}
