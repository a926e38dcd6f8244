package org.mentoring.matching.engine;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Defensive copies for the input records: null collections become empty, null elements are refused with a clear
 * message, and sets and maps are sorted so that nothing downstream depends on hash order.
 */
final class Inputs {

    private Inputs() {
    }

    static String id(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value.trim();
    }

    static List<String> list(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain blank entries");
            }
        }
        return List.copyOf(values);
    }

    static SortedSet<String> sortedSet(Collection<String> values, String field) {
        if (values == null) {
            return Collections.emptySortedSet();
        }
        TreeSet<String> copy = new TreeSet<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain blank entries");
            }
            copy.add(v.trim());
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    static Set<MeetingFormat> formats(Collection<MeetingFormat> values) {
        EnumSet<MeetingFormat> copy = EnumSet.noneOf(MeetingFormat.class);
        if (values != null) {
            for (MeetingFormat f : values) {
                if (f == null) {
                    throw new IllegalArgumentException("meetingFormats must not contain null");
                }
                copy.add(f);
            }
        }
        return Collections.unmodifiableSet(copy);
    }

    static SortedMap<String, String> sortedMap(Map<String, String> values, String field) {
        if (values == null) {
            return Collections.emptySortedMap();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
                throw new IllegalArgumentException(field + " must not contain blank keys or null values");
            }
            copy.put(e.getKey().trim(), e.getValue().trim());
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be 0 or more: " + value);
        }
        return value;
    }
}
