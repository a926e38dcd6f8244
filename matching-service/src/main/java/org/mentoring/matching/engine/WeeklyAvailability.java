package org.mentoring.matching.engine;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a person can meet in a week: the same window of the day on each of the given weekdays, in the person's
 * time zone. A window whose end is not after its start crosses midnight: {@code 22:00}-{@code 01:00} on a Monday
 * runs from Monday 22:00 to Tuesday 01:00. A person without a {@code WeeklyAvailability} can meet at any time.
 *
 * @param weekdays the days the window starts on (at least one)
 * @param from     start of the window
 * @param to       end of the window; not equal to {@code from}
 * @param zone     the time zone the times are in
 */
public record WeeklyAvailability(Set<DayOfWeek> weekdays, LocalTime from, LocalTime to, ZoneId zone) {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    public WeeklyAvailability {
        if (weekdays == null || weekdays.isEmpty()) {
            throw new IllegalArgumentException("availability needs at least one weekday");
        }
        if (weekdays.contains(null)) {
            throw new IllegalArgumentException("availability weekdays must not contain null");
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("availability needs a start and an end time");
        }
        if (zone == null) {
            throw new IllegalArgumentException("availability needs a time zone");
        }
        from = from.withSecond(0).withNano(0);
        to = to.withSecond(0).withNano(0);
        if (from.equals(to)) {
            throw new IllegalArgumentException("availability window must not be empty: " + from + "-" + to);
        }
        weekdays = Collections.unmodifiableSet(EnumSet.copyOf(weekdays));
    }

    /**
     * Reads the textual form applications use: weekdays {@code MONDAY} .. {@code SUNDAY} (any case), times as
     * {@code HH:mm} ({@code 24:00} as the end means midnight at the end of the day), an IANA zone such as
     * {@code Europe/Berlin}.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static WeeklyAvailability parse(Collection<String> weekdays, String from, String to, String timeZone) {
        if (weekdays == null || weekdays.isEmpty()) {
            throw new IllegalArgumentException("availability needs at least one weekday");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : weekdays) {
            try {
                days.add(DayOfWeek.valueOf(day == null ? "" : day.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("availability weekday must be one of MONDAY..SUNDAY: " + day);
            }
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null ? "" : timeZone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("availability time zone is not a known IANA zone: " + timeZone);
        }
        LocalTime start = time(from, "from", false);
        LocalTime end = time(to, "to", true);
        return new WeeklyAvailability(days, start, end, zone);
    }

    private static LocalTime time(String value, String field, boolean endOfDayAllowed) {
        String text = value == null ? "" : value.trim();
        if (endOfDayAllowed && text.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(text, HH_MM);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("availability " + field + " must be a time HH:mm: " + value);
        }
    }

    /** Minutes from {@code from} to {@code to}, counting across midnight: 1 to 1440. */
    public int windowMinutes() {
        int start = from.getHour() * 60 + from.getMinute();
        int end = to.getHour() * 60 + to.getMinute();
        return end > start ? end - start : end + 24 * 60 - start;
    }

    /** True when the window ends on the next day. */
    public boolean crossesMidnight() {
        return !to.isAfter(from);
    }

    /** For explanations, for example {@code Mon, Tue 09:00-17:00 Europe/Berlin}. */
    public String describe() {
        List<String> days = new ArrayList<>();
        for (DayOfWeek day : weekdays) {
            String name = day.name();
            days.add(name.charAt(0) + name.substring(1, 3).toLowerCase(Locale.ROOT));
        }
        return String.join(", ", days) + " " + HH_MM.format(from) + "-" + HH_MM.format(to) + " " + zone.getId();
    }
}
