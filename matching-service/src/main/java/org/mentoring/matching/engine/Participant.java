package org.mentoring.matching.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What mentees and mentors have in common: everything the hard rules and the score look at. */
public sealed interface Participant permits Mentee, Mentor {

    /** The person's directory id: unique in the pool and the id space of {@link #reportingLine()}. */
    String id();

    /** Institute or org unit; compared ignoring case. */
    String institute();

    /**
     * The person's managers, nearest first: direct manager, skip-level manager, and so on (directory ids). Only as
     * many entries as the programme's hierarchy levels are used; {@link OrgChart} builds it from manager ids.
     */
    List<String> reportingLine();

    /** Languages the person can hold a mentoring conversation in; compared ignoring case. */
    Set<String> languages();

    /** Accepted meeting formats; only {@link MeetingFormat#IN_PERSON} means in person is required. */
    Set<MeetingFormat> meetingFormats();

    Location location();

    /** Hours per month the person can give the mentoring. */
    int availabilityHoursPerMonth();

    /** Years of professional experience; the mentor must be the junior by the programme's minimum gap. */
    int yearsOfExperience();

    /**
     * Diversity attributes the person consented to use for matching (for example {@code generation}, {@code gender},
     * {@code background}), attribute to value. An attribute that is absent is never looked at.
     */
    Map<String, String> diversity();

    /**
     * When the person can meet in a week, or null for any time. When both people of a pair state it, their windows
     * must share a stretch of time ({@link HardRule#AVAILABILITY_OVERLAP}), and the shared time counts in the
     * availability score.
     */
    WeeklyAvailability availability();

    Role role();

    /** True when the person accepts only in-person meetings. */
    default boolean requiresInPerson() {
        return meetingFormats().size() == 1 && meetingFormats().contains(MeetingFormat.IN_PERSON);
    }
}
