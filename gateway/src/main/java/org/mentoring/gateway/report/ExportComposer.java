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
 * Last comes {@code accessLog}: who of a programme's team or which HR system read the person's data, what, when and
 * why, from every service, newest first; a service whose part did not come is named in {@code unavailable} as
 * {@code accessLog.<service>}. Plain Jackson, no framework types, so it is tested alone.
 */
public final class ExportComposer {

    /** The sections of the export, in their order, one per service. */
    public enum Section { APPLICANTS, MATCHING, AGREEMENTS, SESSIONS, NOTIFICATIONS }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What every service's export repeats and the document says once. */
    private static final List<String> REPEATED = List.of("subject", "exportedAt");

    private ExportComposer() {
    }

    /**
     * @param sources each service's export as it answered it; a missing one is {@code null} in the document and
     *                named in {@code unavailable}
     * @param accessLog each service's entries about the person, by service name; a null list is a part that did not
     *                  come
     */
    public static ObjectNode compose(String subject, Map<Section, JsonNode> sources, Map<String, List<JsonNode>> accessLog,
                                     Instant now) {
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
        List<List<JsonNode>> logs = new java.util.ArrayList<>();
        accessLog.forEach((service, entries) -> {
            if (entries == null) {
                unavailable.add("accessLog." + service);
            } else {
                logs.add(entries);
            }
        });
        AccessLogMerge.all(logs).forEach(export.putArray("accessLog")::add);
        export.put("complete", unavailable.isEmpty());
        unavailable.forEach(export.putArray("unavailable")::add);
        return export;
    }
}
