package org.mentoring.matching.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A junior who applied to mentor a senior. See {@link Participant} for the shared fields.
 *
 * @param offeredTopics the topics the mentor can offer
 * @param capacity      how many mentees the mentor is willing to take (0 or more), or null for the programme's
 *                      limit; the programme's limit applies when it is lower ({@link #effectiveCapacity})
 * @param availability  when the mentor can meet in a week, or null for any time
 */
public record Mentor(
        String id,
        String institute,
        List<String> reportingLine,
        Set<String> languages,
        Set<MeetingFormat> meetingFormats,
        Location location,
        int availabilityHoursPerMonth,
        int yearsOfExperience,
        Set<String> offeredTopics,
        Integer capacity,
        Map<String, String> diversity,
        WeeklyAvailability availability) implements Participant {

    public Mentor {
        id = Inputs.id(id, "id");
        institute = Inputs.text(institute, "institute of " + id);
        reportingLine = Inputs.list(reportingLine, "reportingLine of " + id);
        languages = Inputs.sortedSet(languages, "languages of " + id);
        meetingFormats = Inputs.formats(meetingFormats);
        location = location == null ? Location.UNKNOWN : location;
        Inputs.nonNegative(availabilityHoursPerMonth, "availabilityHoursPerMonth of " + id);
        Inputs.nonNegative(yearsOfExperience, "yearsOfExperience of " + id);
        offeredTopics = Inputs.sortedSet(offeredTopics, "offeredTopics of " + id);
        if (capacity != null) {
            Inputs.nonNegative(capacity, "capacity of " + id);
        }
        diversity = Inputs.sortedMap(diversity, "diversity of " + id);
    }

    /** A mentor who can meet at any time. */
    public Mentor(String id, String institute, List<String> reportingLine, Set<String> languages,
            Set<MeetingFormat> meetingFormats, Location location, int availabilityHoursPerMonth, int yearsOfExperience,
            Set<String> offeredTopics, Integer capacity, Map<String, String> diversity) {
        this(id, institute, reportingLine, languages, meetingFormats, location, availabilityHoursPerMonth,
                yearsOfExperience, offeredTopics, capacity, diversity, null);
    }

    /** Convenience for callers holding collections of other types. */
    public static Mentor of(String id, String institute, List<String> reportingLine, Collection<String> languages,
            Collection<MeetingFormat> meetingFormats, Location location, int availabilityHoursPerMonth,
            int yearsOfExperience, Collection<String> offeredTopics, Integer capacity,
            Map<String, String> diversity) {
        return new Mentor(id, institute, reportingLine, Inputs.sortedSet(languages, "languages"),
                Inputs.formats(meetingFormats), location, availabilityHoursPerMonth, yearsOfExperience,
                Inputs.sortedSet(offeredTopics, "offeredTopics"), capacity, diversity, null);
    }

    /** The same mentor with this weekly availability (null: any time). */
    public Mentor withAvailability(WeeklyAvailability weekly) {
        return new Mentor(id, institute, reportingLine, languages, meetingFormats, location, availabilityHoursPerMonth,
                yearsOfExperience, offeredTopics, capacity, diversity, weekly);
    }

    /**
     * The capacity that applies: the mentor's own limit, but never more than the programme's
     * ({@link MatchingSettings#defaultMentorCapacity()}), which also applies when the mentor states none.
     */
    public int effectiveCapacity(MatchingSettings settings) {
        int programme = settings.defaultMentorCapacity();
        return capacity != null ? Math.min(capacity, programme) : programme;
    }

    @Override
    public Role role() {
        return Role.MENTOR;
    }
}
