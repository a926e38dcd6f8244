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

        assertThat(report.at("/agreements/byStatus/ACTIVE").asInt()).isEqualTo(7);
        assertThat(report.at("/agreements/byStatus/TERMINATED").isNull()).isTrue();
        assertThat(report.at("/agreements/byStatus/COMPLETED").asInt()).isZero();
        assertThat(report.at("/summary/activeAgreements").asInt()).isEqualTo(7);
        assertThat(report.at("/summary/endedEarlyAgreements").isNull()).isTrue();
        assertThat(report.at("/summary/completedAgreements").asInt()).isZero();
        // four applications in all could point at people: suppressed too
        assertThat(report.at("/summary/applications").isNull()).isTrue();
        // a ratio needs both of its terms
        assertThat(report.at("/summary/menteeMatchRate").isNull()).isTrue();
        assertThat(report.at("/complete").asBoolean()).isTrue();
        assertThat(report.at("/unavailable").size()).isZero();
        assertThat(report.at("/suppressed").toString()).isEqualTo(
                "[\"agreements.byStatus.TERMINATED\",\"applications.applications\",\"matching.latestPublishedRun.menteesInPool\"]");
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
