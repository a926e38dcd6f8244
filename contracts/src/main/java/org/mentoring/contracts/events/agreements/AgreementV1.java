package org.mentoring.contracts.events.agreements;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Data of every {@code mentoring.agreement.*.v1} event: the agreement as it stands after the change,
 * described by the version in force (the latest signed one) when there is one, else by the latest draft.
 * No goals, comments or confidentiality terms: those stay with the pair in agreements-service.
 *
 * @param revision the agreement's version at agreements-service, growing with every change (not to be confused with the
 *                 numbered versions of its text, {@code versionInForce} and {@code latestVersion}): a consumer keeps the
 *                 newest it applied and skips older snapshots (see {@link org.mentoring.contracts.events.Revisions});
 *                 null in events published before the field existed
 */
public record AgreementV1(
        UUID agreementId,
        UUID matchId,
        UUID programmeId,
        String status,
        Integer versionInForce,
        int latestVersion,
        Party mentee,
        Party mentor,
        List<String> agendaTopics,
        LocalDate startDate,
        LocalDate endDate,
        int meetingCadenceDays,
        int firstMeetingsInPerson,
        String preferredFormat,
        Ending ending,
        Instant changedAt,
        Long revision) {

    /** One person of the pair. */
    public record Party(UUID applicationId, String applicantId, String displayName) {
    }

    /** How it ended: who, why (category), and whether the closing conversation took place. */
    public record Ending(String endedBy, String reasonCategory, Boolean closingConversationHeld, LocalDate closingConversationOn,
                         Instant endedAt) {
    }
}
