package org.mentoring.matching.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Fluent builders for test participants with sensible defaults: a match unless a test changes something. */
final class TestPeople {

    static final Location BERLIN = Location.of("Berlin", 52.52, 13.405);
    static final Location POTSDAM = Location.of("Potsdam", 52.39, 13.065); // about 27 km from Berlin
    static final Location MUNICH = Location.of("Munich", 48.137, 11.575); // about 500 km from Berlin

    private TestPeople() {
    }

    static MenteeBuilder mentee(String id) {
        return new MenteeBuilder(id);
    }

    static MentorBuilder mentor(String id) {
        return new MentorBuilder(id);
    }

    static MatchingSettings settings() {
        return new MatchingSettings(MatchingWeights.defaults(), 2, 50, 1, 5,
                MatchingSettings.DEFAULT_DIVERSITY_ATTRIBUTES);
    }

    abstract static class PersonBuilder<B extends PersonBuilder<B>> {
        final String id;
        String institute;
        List<String> reportingLine = List.of();
        Set<String> languages = new TreeSet<>(Set.of("en"));
        Set<MeetingFormat> formats = EnumSet.allOf(MeetingFormat.class);
        Location location = BERLIN;
        int hours = 4;
        int years;
        Map<String, String> diversity = new HashMap<>();
        WeeklyAvailability availability;

        PersonBuilder(String id, String institute, int years) {
            this.id = id;
            this.institute = institute;
            this.years = years;
        }

        @SuppressWarnings("unchecked")
        B self() {
            return (B) this;
        }

        B institute(String value) {
            institute = value;
            return self();
        }

        B reportingLine(String... managers) {
            reportingLine = List.of(managers);
            return self();
        }

        B reportingLine(List<String> managers) {
            reportingLine = List.copyOf(managers);
            return self();
        }

        B languages(String... values) {
            languages = new TreeSet<>(List.of(values));
            return self();
        }

        B formats(MeetingFormat... values) {
            formats = values.length == 0 ? EnumSet.noneOf(MeetingFormat.class) : EnumSet.copyOf(List.of(values));
            return self();
        }

        B location(Location value) {
            location = value;
            return self();
        }

        B hours(int value) {
            hours = value;
            return self();
        }

        B years(int value) {
            years = value;
            return self();
        }

        B diversity(String attribute, String value) {
            diversity.put(attribute, value);
            return self();
        }

        /** Weekly availability, for example {@code available("MONDAY,TUESDAY", "09:00", "17:00", "UTC")}. */
        B available(String weekdays, String from, String to, String zone) {
            availability = WeeklyAvailability.parse(List.of(weekdays.split(",")), from, to, zone);
            return self();
        }
    }

    static final class MenteeBuilder extends PersonBuilder<MenteeBuilder> {
        List<String> topics = new ArrayList<>(List.of("ai", "social-media", "new-work"));

        MenteeBuilder(String id) {
            super(id, "Institute A", 20);
        }

        MenteeBuilder topics(String... values) {
            topics = List.of(values);
            return this;
        }

        Mentee build() {
            return new Mentee(id, institute, reportingLine, languages, formats, location, hours, years, topics,
                    diversity, availability);
        }
    }

    static final class MentorBuilder extends PersonBuilder<MentorBuilder> {
        Set<String> topics = new TreeSet<>(Set.of("ai", "social-media", "new-work"));
        Integer capacity;

        MentorBuilder(String id) {
            super(id, "Institute B", 3);
        }

        MentorBuilder topics(String... values) {
            topics = new TreeSet<>(List.of(values));
            return this;
        }

        MentorBuilder capacity(Integer value) {
            capacity = value;
            return this;
        }

        Mentor build() {
            return new Mentor(id, institute, reportingLine, languages, formats, location, hours, years, topics,
                    capacity, diversity, availability);
        }
    }
}
