package org.mentoring.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the stub services answer to the aggregate calls of the programme report: figures small enough to need
 * suppression here and there. Programme {@value #UNKNOWN_PROGRAMME} is unknown to applicants-service. A call
 * without a token gets 401, as from a real service, so a report that forgot to relay the token fails.
 */
public final class StubReports {

    public static final String UNKNOWN_PROGRAMME = "00000000-0000-0000-0000-000000000404";

    private static final Pattern APPLICATIONS = Pattern.compile("/api/v1/programmes/([0-9a-f-]{36})/statistics");
    private static final Pattern MATCHING = Pattern.compile("/api/v1/programmes/([0-9a-f-]{36})/matching-statistics");
    private static final Pattern MEETINGS = Pattern.compile("/api/v1/meetings/reports/programmes/([0-9a-f-]{36})");

    /** An answer: HTTP status and JSON body. */
    public record Answer(int status, byte[] body) {
    }

    private StubReports() {
    }

    public static Optional<Answer> answer(String upstream, String path, String authorization) {
        Matcher applications = APPLICATIONS.matcher(path);
        Matcher matching = MATCHING.matcher(path);
        Matcher meetings = MEETINGS.matcher(path);
        String programme;
        String body;
        if (upstream.equals("applicants") && applications.matches()) {
            programme = applications.group(1);
            if (programme.equals(UNKNOWN_PROGRAMME)) {
                return Optional.of(json(404, "{\"status\": 404, \"title\": \"Not Found\"}"));
            }
            body = """
                    {"programmeId": "%s", "applications": 12,
                     "byStatusAndRole": [{"status": "ACCEPTED", "role": "MENTEE", "count": 9},
                                         {"status": "SUBMITTED", "role": "MENTOR", "count": 3}],
                     "byInstitute": [{"institute": "Institute of Physics", "count": 6}], "suppressedInstitutes": 2}""";
        } else if (upstream.equals("matching") && matching.matches()) {
            programme = matching.group(1);
            body = """
                    {"programmeId": "%s", "pool": {"mentors": 6, "mentees": null},
                     "proposalsByStatus": [{"status": "CONFIRMED", "count": 8}],
                     "confirmedPairs": 8,
                     "latestPublishedRun": {"runId": "11111111-1111-1111-1111-111111111111",
                       "completedAt": "2026-11-30T10:00:00Z", "menteesInPool": 10, "matchedMentees": 10, "unmatchedMentees": 0},
                     "suppressed": ["pool.mentees"]}""";
        } else if (upstream.equals("sessions") && meetings.matches()) {
            programme = meetings.group(1);
            body = """
                    {"programmeId": "%s", "minimumGroupSize": 5,
                     "meetingsHeld": {"value": 31, "groupSize": 16, "suppressed": false},
                     "cadenceAdherence": {"value": 0.75, "groupSize": 16, "suppressed": false},
                     "averageRating": {"value": null, "groupSize": 0, "suppressed": true}}""";
        } else {
            return Optional.empty();
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.of(json(401, "{\"status\": 401, \"title\": \"Unauthorized\"}"));
        }
        return Optional.of(json(200, body.formatted(programme)));
    }

    private static Answer json(int status, String body) {
        return new Answer(status, body.getBytes(StandardCharsets.UTF_8));
    }
}
