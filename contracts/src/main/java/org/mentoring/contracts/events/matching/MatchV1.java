package org.mentoring.contracts.events.matching;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of every {@code mentoring.match.*.v1} event: a proposed pair as it stands after the change.
 * A confirmed match carries what the agreement draft is prefilled from: the mentee's agenda (ranked
 * topics they share with the mentor first), the preferred meeting format and the programme's defaults.
 */
public record MatchV1(
        UUID matchId,
        UUID programmeId,
        UUID runId,
        String status,
        Party mentee,
        Party mentor,
        List<String> agendaTopics,
        String preferredFormat,
        AgreementDefaults agreementDefaults,
        double score,
        String reason,
        Instant changedAt) {

    /** One person of the pair. */
    public record Party(UUID applicationId, String applicantId, String displayName, String institute) {
    }

    public record AgreementDefaults(int months, int meetingCadenceDays) {
    }
}
