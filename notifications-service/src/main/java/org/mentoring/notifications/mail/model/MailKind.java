package org.mentoring.notifications.mail.model;

import java.util.Arrays;
import java.util.List;

/**
 * What an e-mail tells a person. The codes are those of the preferences API. Required kinds concern the person's rights
 * or obligations (a decision on their application, an agreement to sign, the end of their agreement, the cancellation
 * of their programme, which ends both) and cannot be switched off; news that changes nothing they must do (a proposal
 * withdrawn while they stay in the pool, the thanks when a programme completes) can be. Meeting kinds carry an
 * iCalendar invitation and are never folded into a digest.
 */
public enum MailKind {
    INTERVIEW_REQUESTED(false, false),
    APPLICATION_ACCEPTED(true, false),
    APPLICATION_REJECTED(true, false),
    MATCH_PROPOSED(false, false),
    MATCH_CONFIRMED(false, false),
    AGREEMENT_PROPOSED(true, false),
    AGREEMENT_ACTIVE(false, false),
    MEETING_SCHEDULED(false, true),
    MEETING_RESCHEDULED(false, true),
    MEETING_CANCELLED(false, true),
    MEETING_REMINDER(false, false),
    CADENCE_MISSED(false, false),
    SURVEY_DUE(false, false),
    AGREEMENT_ENDING_SOON(false, false),
    AGREEMENT_ENDED(true, false),
    PROPOSAL_WITHDRAWN(false, false),
    PROGRAMME_CANCELLED(true, false),
    PROGRAMME_COMPLETED(false, false);

    private final boolean required;
    private final boolean calendar;

    MailKind(boolean required, boolean calendar) {
        this.required = required;
        this.calendar = calendar;
    }

    /** Cannot be switched off. */
    public boolean required() {
        return required;
    }

    /** Carries an .ics invitation; sent on its own, never in a digest. */
    public boolean calendar() {
        return calendar;
    }

    /** The kind of a code, or null. */
    public static MailKind of(String code) {
        return Arrays.stream(values()).filter(k -> k.name().equals(code)).findFirst().orElse(null);
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
