package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReportComposerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void agreementCountsUnderFiveAreSuppressedAndTheSummaryFollows() throws Exception {
        JsonNode report = ReportComposer.compose(UUID.randomUUID(), Map.of(
                ReportComposer.Section.AGREEMENTS, json("{\"byStatus\": {\"ACTIVE\": 7, \"TERMINATED\": 2, \"COMPLETED\": 0}}"),
                ReportComposer.Section.APPLICATIONS, json("{\"applications\": 4, \"byStatusAndRole\": []}"),
                ReportComposer.Section.MATCHING, json("{\"confirmedPairs\": null, \"latestPublishedRun\": "
                        + "{\"menteesInPool\": null, \"matchedMentees\": 6}, \"suppressed\": [\"latestPublishedRun.menteesInPool\"]}"),
                ReportComposer.Section.MEETINGS, json("{\"meetingsHeld\": {\"value\": 20}}")), Instant.EPOCH);

        // the statuses add up to the confirmed pairs, which HR knows: 9 - 7 would tell the two ended early
        assertThat(report.at("/agreements/byStatus/ACTIVE").isNull()).isTrue();
        assertThat(report.at("/agreements/byStatus/TERMINATED").isNull()).isTrue();
        assertThat(report.at("/agreements/byStatus/COMPLETED").asInt()).isZero();
        assertThat(report.at("/summary/activeAgreements").isNull()).isTrue();
        assertThat(report.at("/summary/endedEarlyAgreements").isNull()).isTrue();
        assertThat(report.at("/summary/completedAgreements").asInt()).isZero();
        // four applications in all could point at people: suppressed too
        assertThat(report.at("/summary/applications").isNull()).isTrue();
        // a ratio needs both of its terms
        assertThat(report.at("/summary/menteeMatchRate").isNull()).isTrue();
        assertThat(report.at("/complete").asBoolean()).isTrue();
        assertThat(report.at("/unavailable").size()).isZero();
        assertThat(report.at("/suppressed").toString()).isEqualTo(
                "[\"agreements.byStatus.ACTIVE\",\"agreements.byStatus.TERMINATED\",\"applications.applications\","
                        + "\"matching.latestPublishedRun.menteesInPool\"]");
    }

    @Test
    void aRawSourceCannotGiveAwayAHiddenCountAsTheTotalMinusTheOthers() throws Exception {
        JsonNode report = ReportComposer.compose(UUID.randomUUID(), Map.of(
                ReportComposer.Section.APPLICATIONS, json("{\"applications\": 12, \"byStatusAndRole\": ["
                        + "{\"status\": \"ACCEPTED\", \"role\": \"MENTEE\", \"count\": 9},"
                        + "{\"status\": \"SUBMITTED\", \"role\": \"MENTOR\", \"count\": 3},"
                        + "{\"status\": \"WITHDRAWN\", \"role\": \"MENTOR\", \"count\": 0}]}"),
                ReportComposer.Section.MATCHING, json("{\"confirmedPairs\": 8, \"latestPublishedRun\": "
                        + "{\"menteesInPool\": 10, \"matchedMentees\": 8, \"unmatchedMentees\": 2}}")), Instant.EPOCH);

        assertThat(report.at("/applications/applications").asInt()).isEqualTo(12);
        assertThat(report.at("/applications/byStatusAndRole/0/count").isNull()).isTrue();
        assertThat(report.at("/applications/byStatusAndRole/1/count").isNull()).isTrue();
        assertThat(report.at("/applications/byStatusAndRole/2/count").asInt()).isZero();
        assertThat(report.at("/matching/latestPublishedRun/menteesInPool").asInt()).isEqualTo(10);
        assertThat(report.at("/matching/latestPublishedRun/matchedMentees").isNull()).isTrue();
        assertThat(report.at("/summary/menteeMatchRate").isNull()).isTrue();
        assertThat(report.at("/suppressed").toString()).isEqualTo("[\"applications.byStatusAndRole.ACCEPTED.MENTEE\","
                + "\"applications.byStatusAndRole.SUBMITTED.MENTOR\",\"matching.latestPublishedRun.matchedMentees\","
                + "\"matching.latestPublishedRun.unmatchedMentees\"]");
    }

    @Test
    void aSourceNamingAGroupTwiceHasBothHidden() throws Exception {
        JsonNode report = ReportComposer.compose(UUID.randomUUID(), Map.of(
                ReportComposer.Section.APPLICATIONS, json("{\"applications\": 20, \"byStatusAndRole\": ["
                        + "{\"status\": \"ACCEPTED\", \"role\": \"MENTEE\", \"count\": 10},"
                        + "{\"status\": \"ACCEPTED\", \"role\": \"MENTEE\", \"count\": 10}]}")), Instant.EPOCH);

        assertThat(report.at("/applications/byStatusAndRole/0/count").isNull()).isTrue();
        assertThat(report.at("/applications/byStatusAndRole/1/count").isNull()).isTrue();
        assertThat(report.at("/suppressed").toString()).isEqualTo("[\"applications.byStatusAndRole.ACCEPTED.MENTEE\"]");
    }

    @Test
    void whatTheSourcesSuppressedIsListedOnceUnderEachSectionsName() throws Exception {
        JsonNode report = ReportComposer.compose(UUID.randomUUID(), Map.of(
                ReportComposer.Section.APPLICATIONS, json("{\"applications\": 12, \"byStatusAndRole\": ["
                        + "{\"status\": \"ACCEPTED\", \"role\": \"MENTEE\", \"count\": null},"
                        + "{\"status\": \"SUBMITTED\", \"role\": \"MENTOR\", \"count\": null}],"
                        + "\"suppressed\": [\"byStatusAndRole.SUBMITTED.MENTOR\", \"byStatusAndRole.ACCEPTED.MENTEE\"]}"),
                ReportComposer.Section.AGREEMENTS, json("{\"total\": 6, \"byStatus\": {\"DRAFT\": null, \"TERMINATED\": null},"
                        + "\"suppressed\": [\"byStatus.TERMINATED\", \"byStatus.DRAFT\"]}"),
                ReportComposer.Section.MEETINGS, json("{\"pairs\": {\"value\": 7}, \"outcomes\": {\"active\": {\"value\": null}},"
                        + "\"suppressed\": [\"outcomes.active\"]}")), Instant.EPOCH);

        assertThat(report.at("/suppressed").toString()).isEqualTo("[\"agreements.byStatus.DRAFT\",\"agreements.byStatus.TERMINATED\","
                + "\"applications.byStatusAndRole.ACCEPTED.MENTEE\",\"applications.byStatusAndRole.SUBMITTED.MENTOR\","
                + "\"meetings.outcomes.active\"]");
        assertThat(report.at("/applications").has("suppressed")).isFalse();
        assertThat(report.at("/agreements").has("suppressed")).isFalse();
        assertThat(report.at("/meetings").has("suppressed")).isFalse();
        assertThat(report.at("/agreements/total").asInt()).isEqualTo(6);
        assertThat(report.at("/meetings/pairs/value").asInt()).isEqualTo(7);
    }

    @Test
    void aSourceThatAnsweredNothingUsableIsNamedAndItsFiguresAreUnknown() throws Exception {
        JsonNode report = ReportComposer.compose(UUID.randomUUID(), Map.of(
                ReportComposer.Section.APPLICATIONS, json("{\"applications\": 40}")), Instant.EPOCH);

        assertThat(report.at("/complete").asBoolean()).isFalse();
        assertThat(report.at("/unavailable").toString()).isEqualTo("[\"matching\",\"agreements\",\"meetings\"]");
        assertThat(report.at("/summary/applications").asInt()).isEqualTo(40);
        assertThat(report.at("/summary/confirmedPairs").isNull()).isTrue();
        assertThat(report.at("/matching").isNull()).isTrue();
    }
}
