package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Composes a person's export from each service's export of what it holds about them: one JSON document with a
 * section per service, each as the service gave it less the subject and time it repeats. A service that gave
 * nothing is {@code null} there and named in {@code unavailable}, and {@code complete} is false.
 * <p>
 * Not in it yet: the access log (who read the person's data); it becomes a section of its own. Plain Jackson, no
 * framework types, so it is tested alone.
 */
public final class ExportComposer {

    /** The sections of the export, in their order, one per service. */
    public enum Section { APPLICANTS, MATCHING, AGREEMENTS, SESSIONS }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What every service's export repeats and the document says once. */
    private static final List<String> REPEATED = List.of("subject", "exportedAt");

    private ExportComposer() {
    }

    /**
     * @param sources each service's export as it answered it; a missing one is {@code null} in the document and
     *                named in {@code unavailable}
     */
    public static ObjectNode compose(String subject, Map<Section, JsonNode> sources, Instant now) {
        Set<String> unavailable = new LinkedHashSet<>();
        ObjectNode export = NODES.objectNode();
        export.put("subject", subject);
        export.put("generatedAt", now.toString());
        for (Section section : Section.values()) {
            JsonNode part = ReportComposer.section(sources, section, unavailable);
            if (part != null) {
                part = part.deepCopy();
                ((ObjectNode) part).remove(REPEATED);
            }
            export.set(section.name().toLowerCase(Locale.ROOT), part == null ? NODES.nullNode() : part);
        }
        export.put("complete", unavailable.isEmpty());
        unavailable.forEach(export.putArray("unavailable")::add);
        return export;
    }
}
