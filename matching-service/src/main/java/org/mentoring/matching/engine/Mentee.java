package org.mentoring.matching.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A senior who applied to be mentored. See {@link Participant} for the shared fields.
 *
 * @param rankedTopics the topics the mentee wants on the agenda, most wanted first (repeats are ignored)
 * @param availability when the mentee can meet in a week, or null for any time
 */
public record Mentee(
        String id,
        String institute,
        List<String> reportingLine,
        Set<String> languages,
        Set<MeetingFormat> meetingFormats,
        Location location,
        int availabilityHoursPerMonth,
        int yearsOfExperience,
        List<String> rankedTopics,
        Map<String, String> diversity,
        WeeklyAvailability availability) implements Participant {

    public Mentee {
        id = Inputs.id(id, "id");
        institute = Inputs.text(institute, "institute of " + id);
        reportingLine = Inputs.list(reportingLine, "reportingLine of " + id);
        languages = Inputs.sortedSet(languages, "languages of " + id);
        meetingFormats = Inputs.formats(meetingFormats);
        location = location == null ? Location.UNKNOWN : location;
        Inputs.nonNegative(availabilityHoursPerMonth, "availabilityHoursPerMonth of " + id);
        Inputs.nonNegative(yearsOfExperience, "yearsOfExperience of " + id);
        rankedTopics = Inputs.list(rankedTopics, "rankedTopics of " + id);
        diversity = Inputs.sortedMap(diversity, "diversity of " + id);
    }

    /** A mentee who can meet at any time. */
    public Mentee(String id, String institute, List<String> reportingLine, Set<String> languages,
            Set<MeetingFormat> meetingFormats, Location location, int availabilityHoursPerMonth, int yearsOfExperience,
            List<String> rankedTopics, Map<String, String> diversity) {
        this(id, institute, reportingLine, languages, meetingFormats, location, availabilityHoursPerMonth,
                yearsOfExperience, rankedTopics, diversity, null);
    }

    /** Convenience for callers holding collections of other types. */
    public static Mentee of(String id, String institute, List<String> reportingLine, Collection<String> languages,
            Collection<MeetingFormat> meetingFormats, Location location, int availabilityHoursPerMonth,
            int yearsOfExperience, List<String> rankedTopics, Map<String, String> diversity) {
        return new Mentee(id, institute, reportingLine, Inputs.sortedSet(languages, "languages"),
                Inputs.formats(meetingFormats), location, availabilityHoursPerMonth, yearsOfExperience, rankedTopics,
                diversity, null);
    }

    /** The same mentee with this weekly availability (null: any time). */
    public Mentee withAvailability(WeeklyAvailability weekly) {
        return new Mentee(id, institute, reportingLine, languages, meetingFormats, location, availabilityHoursPerMonth,
                yearsOfExperience, rankedTopics, diversity, weekly);
    }

    @Override
    public Role role() {
        return Role.MENTEE;
    }
}
