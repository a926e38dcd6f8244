package org.mentoring.sessions.availability.model;

import java.util.List;

/** A meeting's {@link AvailabilityWarning}s, stored as one JSON object ({@code {"items": [...]}}). */
public record AvailabilityWarnings(List<AvailabilityWarning> items) {

    public static final AvailabilityWarnings NONE = new AvailabilityWarnings(List.of());

    public AvailabilityWarnings {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
