package org.mentoring.agreements.agreement.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.platform.openapi.NullableCount;
import org.mentoring.contracts.statistics.SmallCounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Agreements counted by status, safe to hand to HR: a count of 1 to 4 is null and its path listed in {@code suppressed}.
 * The statuses add up to the total, which is also known elsewhere (every confirmed match opens one agreement), so when
 * one status is withheld the next smallest is withheld with it and no withheld count is the total minus the others.
 */
@Schema(name = "AgreementStatistics", description = "Agreements by status; counts of 1 to 4 are null and their paths listed in "
        + "suppressed, and so is the next smallest count wherever one could otherwise be worked out from the total")
public record AgreementStatistics(
        @Schema(description = "The programme counted; null for every programme", nullable = true) UUID programmeId,
        @Schema(description = "All agreements, every status", nullable = true) Long total,
        @Schema(description = "Every status with its count; null when suppressed", additionalProperties = NullableCount.class)
        Map<String, Long> byStatus,
        @Schema(description = "Paths of the suppressed counts: first those that count 1 to 4, then those withheld so that none "
                + "of these can be worked out", example = "[\"byStatus.TERMINATED\", \"byStatus.ACTIVE\"]") List<String> suppressed) {

    static AgreementStatistics of(UUID programmeId, Map<String, Long> counts) {
        List<String> paths = new ArrayList<>();
        SmallCounts table = new SmallCounts().count("total", counts.values().stream().mapToLong(Long::longValue).sum());
        counts.forEach((status, n) -> {
            table.count("byStatus." + status, n);
            paths.add("byStatus." + status);
        });
        SmallCounts.Result shown = table.sum("total", paths).suppress();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        counts.keySet().forEach(status -> byStatus.put(status, shown.value("byStatus." + status)));
        return new AgreementStatistics(programmeId, shown.value("total"), byStatus, shown.suppressed());
    }
}
