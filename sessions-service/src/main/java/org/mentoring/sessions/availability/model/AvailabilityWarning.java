package org.mentoring.sessions.availability.model;

/**
 * A meeting scheduled at a time outside one person's stated weekly availability.
 *
 * @param code   {@code OUTSIDE_AVAILABILITY}
 * @param detail for people: the meeting's time in the person's zone and their stated hours
 * @param about  the subject of the person concerned (kept so that their erasure removes it; not shown)
 */
public record AvailabilityWarning(String code, String detail, String about) {

    public static final String OUTSIDE_AVAILABILITY = "OUTSIDE_AVAILABILITY";
}
