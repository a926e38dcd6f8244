package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mentoring.contracts.statistics.SmallCounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The services suppress small counts themselves ({@link SmallCounts}) and list the paths; those are gathered in
 * {@code suppressed} under each section's name. Suppression of the counts of applications, matching and agreements is
 * applied here again, whatever the sources did: every count from 1 to {@value #MIN_GROUP} - 1, of people or of
 * pairs, is replaced by {@code null} and its path listed, and so is a count that would give one away through a
 * total (complementary suppression). Counts the services already suppressed stay suppressed, and a ratio is only given
 * when both of its terms could be shown. Plain Jackson, no framework types, so it is tested alone.
 */
public final class ReportComposer {

    public static final int MIN_GROUP = SmallCounts.MIN_GROUP;

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
            lift((ObjectNode) applications, "applications.", suppressed);
            Recount recount = new Recount().count("applications.applications", applications, "applications");
            List<String> groups = new ArrayList<>();
            for (JsonNode count : applications.path("byStatusAndRole")) {
                if (count.isObject()) {
                    String path = "applications.byStatusAndRole." + count.path("status").asText() + "." + count.path("role").asText();
                    recount.count(path, count, "count");
                    groups.add(path);
                }
            }
            recount.sum("applications.applications", groups).apply(suppressed);
            ((ObjectNode) applications).remove("programmeId");
        }
        if (agreements != null) {
            agreements = agreements.deepCopy();
            lift((ObjectNode) agreements, "agreements.", suppressed);
            JsonNode byStatus = agreements.path("byStatus");
            if (byStatus.isObject()) {
                Recount recount = new Recount();
                List<String> statuses = new ArrayList<>();
                long sum = 0;
                for (String status : names(byStatus)) {
                    recount.count("agreements.byStatus." + status, byStatus, status);
                    statuses.add("agreements.byStatus." + status);
                    sum += byStatus.path(status).asLong();
                }
                // the statuses add up to the confirmed pairs: known to the reader whether the source states the total or not
                if (agreements.has("total")) {
                    recount.count("agreements.total", agreements, "total");
                } else {
                    recount.table.known("agreements.total", sum);
                }
                recount.sum("agreements.total", statuses).apply(suppressed);
            }
            ((ObjectNode) agreements).remove("programmeId");
        }
        if (matching != null) {
            matching = matching.deepCopy();
            lift((ObjectNode) matching, "matching.", suppressed);
            Recount recount = new Recount()
                    .count("matching.pool.mentors", matching.path("pool"), "mentors")
                    .count("matching.pool.mentees", matching.path("pool"), "mentees");
            for (JsonNode count : matching.path("proposalsByStatus")) {
                recount.count("matching.proposalsByStatus." + count.path("status").asText(), count, "count");
            }
            recount.count("matching.confirmedPairs", matching, "confirmedPairs");
            JsonNode run = matching.path("latestPublishedRun");
            if (run.isObject()) {
                recount.count("matching.latestPublishedRun.menteesInPool", run, "menteesInPool")
                        .count("matching.latestPublishedRun.matchedMentees", run, "matchedMentees")
                        .count("matching.latestPublishedRun.unmatchedMentees", run, "unmatchedMentees")
                        .sum("matching.latestPublishedRun.menteesInPool", List.of("matching.latestPublishedRun.matchedMentees",
                                "matching.latestPublishedRun.unmatchedMentees"));
            }
            recount.apply(suppressed);
            ((ObjectNode) matching).remove("programmeId");
        }
        if (meetings != null) {
            meetings = meetings.deepCopy();
            lift((ObjectNode) meetings, "meetings.", suppressed);
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

    /** Moves the paths a source suppressed itself into the report's list, under the section's name. */
    private static void lift(ObjectNode section, String prefix, Set<String> suppressed) {
        section.path("suppressed").forEach(path -> suppressed.add(prefix + path.asText()));
        section.remove("suppressed");
    }

    /**
     * Small-count suppression applied again to a section's counts, in place: a count the source left shown that
     * {@link SmallCounts} withholds (small, or giving a withheld one away through a sum) is nulled and its path recorded.
     * A count the source withheld already counts as withheld and is not recorded twice.
     */
    private static final class Recount {
        private final SmallCounts table = new SmallCounts();
        private final Map<String, JsonNode> holders = new LinkedHashMap<>();
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final Set<String> duplicates = new TreeSet<>();

        Recount count(String path, JsonNode holder, String field) {
            JsonNode value = holder.get(field);
            if (holders.containsKey(path)) {
                // a source naming one group twice is not to be trusted with either
                if (value != null && value.isNumber() && holder instanceof ObjectNode object) {
                    object.putNull(field);
                }
                duplicates.add(path);
                return this;
            }
            table.count(path, value != null && value.isNumber() ? (Long) value.asLong() : null);
            holders.put(path, holder);
            fields.put(path, field);
            return this;
        }

        Recount sum(String total, List<String> parts) {
            table.sum(total, parts);
            return this;
        }

        void apply(Set<String> suppressed) {
            SmallCounts.Result shown = table.suppress();
            holders.forEach((path, holder) -> {
                JsonNode value = holder.get(fields.get(path));
                boolean hide = shown.value(path) == null || duplicates.contains(path);
                if (hide && value != null && value.isNumber() && holder instanceof ObjectNode object) {
                    object.putNull(fields.get(path));
                    suppressed.add(path);
                }
            });
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
