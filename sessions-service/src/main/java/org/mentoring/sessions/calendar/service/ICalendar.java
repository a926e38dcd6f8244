package org.mentoring.sessions.calendar.service;

import org.mentoring.sessions.meeting.model.Meeting;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes meetings as iCalendar (RFC 5545): CRLF line ends, lines folded at 75 octets, TEXT values escaped. Times are UTC.
 * Notes and feedback are never written; the description holds only the agenda.
 */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String CRLF = "\r\n";

    private ICalendar() {
    }

    public static String of(List<Meeting> meetings, String calendarName) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Reverse mentoring//sessions-service//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + escape(calendarName));
        for (Meeting m : meetings) {
            event(out, m);
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static void event(StringBuilder out, Meeting m) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + m.id + "@sessions.mentoring");
        line(out, "DTSTAMP:" + UTC.format(m.updatedAt != null ? m.updatedAt : Instant.now()));
        line(out, "DTSTART:" + UTC.format(m.startsAt));
        line(out, "DTEND:" + UTC.format(m.endsAt));
        line(out, "SEQUENCE:" + m.version);
        line(out, "SUMMARY:" + escape("Mentoring meeting" + (m.format == Meeting.Format.IN_PERSON ? " (in person)" : " (online)")));
        if (m.format == Meeting.Format.IN_PERSON && m.place != null) {
            line(out, "LOCATION:" + escape(m.place));
        }
        if (m.format == Meeting.Format.ONLINE && m.videoLink != null) {
            line(out, "LOCATION:" + escape(m.videoLink));
            line(out, "URL:" + m.videoLink);
        }
        List<String> topics = m.allTopics();
        if (!topics.isEmpty()) {
            line(out, "DESCRIPTION:" + escape("Agenda: " + String.join("; ", topics)));
        }
        line(out, "STATUS:" + (m.status == Meeting.Status.CANCELLED ? "CANCELLED" : "CONFIRMED"));
        line(out, "END:VEVENT");
    }

    /** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** RFC 5545 3.1: content lines longer than 75 octets are folded with CRLF and a space, never inside a UTF-8 sequence. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append(CRLF).append(' ');
                octets = 1;
                limit = 75;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append(CRLF);
    }
}
