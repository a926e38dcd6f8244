package org.mentoring.matching.engine;

/**
 * The hard rules a pair must pass, in the order they are checked when explaining why someone is unmatched: each
 * unmatched person is told the first rule that leaves them no candidate.
 */
public enum HardRule {
    DIFFERENT_INSTITUTE("different-institute", "mentee and mentor work in different institutes"),
    OUTSIDE_REPORTING_LINE("outside-reporting-line",
            "neither is the other's manager or skip-level manager up to the configured levels, and they are not"
                    + " peers under a shared manager within those levels"),
    SENIORITY_GAP("seniority-gap",
            "the mentor has at least the minimum number of years less experience than the mentee"),
    SHARED_LANGUAGE("shared-language", "they share at least one language"),
    COMPATIBLE_FORMAT("compatible-format", "they share a meeting format"),
    WITHIN_DISTANCE("within-distance",
            "when either accepts only in-person meetings, both locations are known and within the maximum"
                    + " great-circle distance"),
    AVAILABILITY_OVERLAP("availability-overlap",
            "when both state weekly availability, their windows share at least "
                    + AvailabilityOverlap.MIN_OVERLAP_MINUTES + " minutes in a row in every week of the year"
                    + " (compared in UTC, with each time zone's summer time)"),
    NOT_EXCLUDED("not-excluded", "the pair is not excluded by an admin or by an earlier decline"),
    MENTOR_CAPACITY("mentor-capacity", "the mentor has room for another mentee");

    private final String id;
    private final String description;

    HardRule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** A stable id for APIs and logs, such as {@code shared-language}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
