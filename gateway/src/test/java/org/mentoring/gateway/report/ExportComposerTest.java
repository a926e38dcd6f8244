package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExportComposerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void everyServicesPartUnderItsNameAndCompleteWhenAllAnswered() throws Exception {
        Map<ExportComposer.Section, JsonNode> parts = new EnumMap<>(ExportComposer.Section.class);
        for (ExportComposer.Section section : ExportComposer.Section.values()) {
            parts.put(section, JSON.readTree("{\"subject\": \"s-1\", \"exportedAt\": \"2026-12-03T09:59:59Z\", \"items\": [\""
                    + section + "\"]}"));
        }
        ObjectNode export = ExportComposer.compose("s-1", parts, Map.of(), NOW);

        assertThat(export.path("subject").asText()).isEqualTo("s-1");
        assertThat(export.path("generatedAt").asText()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(export.path("applicants").path("items").get(0).asText()).isEqualTo("APPLICANTS");
        assertThat(export.path("matching").path("items").get(0).asText()).isEqualTo("MATCHING");
        assertThat(export.path("agreements").path("items").get(0).asText()).isEqualTo("AGREEMENTS");
        assertThat(export.path("sessions").path("items").get(0).asText()).isEqualTo("SESSIONS");
        assertThat(export.path("notifications").path("items").get(0).asText()).isEqualTo("NOTIFICATIONS");
        assertThat(export.path("sessions").has("subject")).isFalse();
        assertThat(export.path("sessions").has("exportedAt")).isFalse();
        assertThat(export.path("complete").asBoolean()).isTrue();
        assertThat(export.path("unavailable")).isEmpty();
        // the caller's map is left as it was
        assertThat(parts.get(ExportComposer.Section.SESSIONS).has("subject")).isTrue();
    }

    @Test
    void aMissingOrUnreadablePartIsNullAndNamed() throws Exception {
        Map<ExportComposer.Section, JsonNode> parts = new EnumMap<>(ExportComposer.Section.class);
        parts.put(ExportComposer.Section.APPLICANTS, JSON.readTree("{\"applications\": []}"));
        parts.put(ExportComposer.Section.MATCHING, JSON.readTree("[1, 2]"));
        ObjectNode export = ExportComposer.compose("s-1", parts, Map.of(), NOW);

        assertThat(export.path("applicants").path("applications").isArray()).isTrue();
        assertThat(export.get("matching").isNull()).isTrue();
        assertThat(export.get("agreements").isNull()).isTrue();
        assertThat(export.get("sessions").isNull()).isTrue();
        assertThat(export.get("notifications").isNull()).isTrue();
        assertThat(export.path("complete").asBoolean()).isFalse();
        assertThat(export.path("unavailable")).extracting(JsonNode::asText)
                .containsExactly("matching", "agreements", "sessions", "notifications");
    }
}
