package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Composes the programme report from the services' aggregates: applications (applicants-service), matching,
 * agreements and meetings (sessions-service), plus a summary of the headline figures.
 * <p>
 * Small-group suppression is applied here again, whatever the sources did: every count from 1 to
 * {@value #MIN_GROUP} - 1, of people or of pairs, is replaced by {@code null} and its path listed in
 * {@code suppressed}, so that no person can be singled out. Counts the services already suppressed stay
 * suppressed, and a ratio is only given when both of its terms could be shown. Plain Jackson, no framework
 * types, so it is tested alone.
 */
public final class ReportComposer {

    public static final int MIN_GROUP = 5;

    /** The sections of the report, in their order, and the service aggregate each is made of. */
    public enum Section { APPLICATIONS, MATCHING, AGREEMENTS, MEETINGS }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReportComposer() {
    }

    /**
     * @param sources each section's aggregate as its service answered it; a missing section is reported
     *                {@code null} and named in {@code unavailable}
     */
    public static ObjectNode compose(UUID programmeId, Map<Section, JsonNode> sources, Instant now) {
        Set<String> suppressed = new TreeSet<>();
        Set<String> unavailable = new LinkedHashSet<>();
        ObjectNode report = NODES.objectNode();
        report.put("programmeId", programmeId.toString());
        report.put("generatedAt", now.toString());
        report.put("minimumGroupSize", MIN_GROUP);

        JsonNode applications = section(sources, Section.APPLICATIONS, unavailable);
        JsonNode matching = section(sources, Section.MATCHING, unavailable);
        JsonNode agreements = section(sources, Section.AGREEMENTS, unavailable);
        JsonNode meetings = section(sources, Section.MEETINGS, unavailable);
        if (applications != null) {
            applications = applications.deepCopy();
            suppressCount((ObjectNode) applications, "applications", "applications.applications", suppressed);
            int i = 0;
            for (JsonNode count : applications.path("byStatusAndRole")) {
                if (count.isObject()) {
                    suppressCount((ObjectNode) count, "count", "applications.byStatusAndRole[" + i + "].count", suppressed);
                }
                i++;
            }
        }
        if (agreements != null) {
            agreements = agreements.deepCopy();
            JsonNode byStatus = agreements.path("byStatus");
            if (byStatus.isObject()) {
                for (String status : names(byStatus)) {
                    suppressCount((ObjectNode) byStatus, status, "agreements.byStatus." + status, suppressed);
                }
            }
            ((ObjectNode) agreements).remove("programmeId");
        }
        if (matching != null) {
            matching = matching.deepCopy();
            matching.path("suppressed").forEach(path -> suppressed.add("matching." + path.asText()));
            ((ObjectNode) matching).remove(List.of("programmeId", "suppressed"));
        }
        if (applications != null) {
            ((ObjectNode) applications).remove("programmeId");
        }
        if (meetings != null) {
            meetings = meetings.deepCopy();
            ((ObjectNode) meetings).remove(List.of("programmeId", "minimumGroupSize", "generatedAt"));
        }

        ObjectNode summary = report.putObject("summary");
        summary.set("applications", shown(applications, "applications"));
        summary.set("confirmedPairs", shown(matching, "confirmedPairs"));
        JsonNode run = matching == null ? null : matching.path("latestPublishedRun");
        JsonNode matched = shown(run, "matchedMentees");
        JsonNode inPool = shown(run, "menteesInPool");
        summary.set("menteeMatchRate", matched.isNumber() && inPool.isNumber() && inPool.asDouble() > 0
                ? NODES.numberNode(Math.round(matched.asDouble() / inPool.asDouble() * 1000) / 1000.0) : NODES.nullNode());
        JsonNode byStatus = agreements == null ? null : agreements.path("byStatus");
        summary.set("activeAgreements", shown(byStatus, "ACTIVE"));
        summary.set("completedAgreements", shown(byStatus, "COMPLETED"));
        summary.set("endedEarlyAgreements", shown(byStatus, "TERMINATED"));
        summary.set("meetingsHeld", shown(meetings == null ? null : meetings.path("meetingsHeld"), "value"));
        summary.set("cadenceAdherence", shown(meetings == null ? null : meetings.path("cadenceAdherence"), "value"));
        summary.set("averageRating", shown(meetings == null ? null : meetings.path("averageRating"), "value"));

        report.set("applications", orNull(applications));
        report.set("matching", orNull(matching));
        report.set("agreements", orNull(agreements));
        report.set("meetings", orNull(meetings));
        report.put("complete", unavailable.isEmpty());
        unavailable.forEach(report.putArray("unavailable")::add);
        suppressed.forEach(report.putArray("suppressed")::add);
        return report;
    }

    /** A source's part, or null after naming the source (in lower case) in {@code unavailable} when it has none. */
    static <S extends Enum<S>> JsonNode section(Map<S, JsonNode> sources, S section, Set<String> unavailable) {
        JsonNode node = sources.get(section);
        if (node == null || !node.isObject()) {
            unavailable.add(section.name().toLowerCase(Locale.ROOT));
            return null;
        }
        return node;
    }

    /** Replaces a count of 1 to MIN_GROUP - 1 by null and records its path. */
    private static void suppressCount(ObjectNode holder, String field, String path, Set<String> suppressed) {
        JsonNode value = holder.get(field);
        if (value != null && value.isNumber() && value.asDouble() > 0 && value.asDouble() < MIN_GROUP) {
            holder.putNull(field);
            suppressed.add(path);
        }
    }

    private static JsonNode shown(JsonNode holder, String field) {
        JsonNode value = holder == null ? null : holder.get(field);
        return value != null && value.isNumber() ? value : NODES.nullNode();
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? NODES.nullNode() : node;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
