package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directory's manager relation (person id to manager id), for callers who hold manager ids rather than
 * reporting lines. People outside the pool (managers who do not apply) belong in it too.
 */
public final class OrgChart {

    private final Map<String, String> managerOf;

    private OrgChart(Map<String, String> managerOf) {
        this.managerOf = Map.copyOf(managerOf);
    }

    /** @param managerOf person id to the id of their direct manager; people without a manager are absent */
    public static OrgChart of(Map<String, String> managerOf) {
        return new OrgChart(managerOf);
    }

    /** The person's managers, nearest first, up to {@code levels} of them; stops at a cycle in the data. */
    public List<String> reportingLine(String personId, int levels) {
        List<String> line = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(personId);
        String current = managerOf.get(personId);
        while (current != null && line.size() < levels && seen.add(current)) {
            line.add(current);
            current = managerOf.get(current);
        }
        return List.copyOf(line);
    }
}
