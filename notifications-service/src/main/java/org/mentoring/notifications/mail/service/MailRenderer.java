package org.mentoring.notifications.mail.service;

import org.mentoring.notifications.config.NotificationsConfig;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mentoring.notifications.mail.model.MailKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a mail from its kind, its facts and the person's language with the Qute templates
 * {@code templates/mail/<language>/<KIND>.txt}: the first line is the subject, the rest (after one blank line) the
 * body. Times are shown in UTC, spelled out in the person's language; links point at the frontend.
 */
@ApplicationScoped
public class MailRenderer {

    public static final List<String> LANGUAGES = List.of("en", "de");

    private static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Map<String, DateTimeFormatter> TIME = Map.of(
            "en", DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC),
            "de", DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy 'um' HH:mm 'Uhr UTC'", Locale.GERMAN).withZone(ZoneOffset.UTC));
    private static final Map<String, DateTimeFormatter> DAY = Map.of(
            "en", DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH),
            "de", DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.GERMAN));

    /** A rendered mail; {@code ics} is null unless the kind carries an invitation. */
    public record Rendered(String subject, String text, String ics) {
    }

    /** One mail of a digest. */
    public record Item(MailKind kind, Map<String, String> params, String partnerName) {
    }

    /** Who the mail is for, as known at send time. */
    public record Person(String email, String name, String language) {
    }

    private final Engine engine;
    private final String frontend;
    private final String from;

    public MailRenderer(Engine engine, NotificationsConfig.Frontend config, @ConfigProperty(name = "quarkus.mailer.from") String from) {
        this.engine = engine;
        String frontend = config.baseUrl();
        this.frontend = frontend.endsWith("/") ? frontend.substring(0, frontend.length() - 1) : frontend;
        this.from = from;
    }

    public Rendered render(MailKind kind, Map<String, String> params, Person to, String partnerName) {
        String lang = to.language();
        Map<String, Object> data = data(kind, params, to, partnerName);
        String[] out = split(template(lang, kind.name()).instance(), data);
        String ics = kind.calendar() ? ics(kind, params, to, out[0]) : null;
        return new Rendered(out[0], out[1], ics);
    }

    /** One mail listing several: each item's subject and link. */
    public Rendered digest(List<Item> items, Person to) {
        List<Map<String, Object>> lines = items.stream().map(item -> {
            Map<String, Object> data = data(item.kind(), item.params(), to, item.partnerName());
            String subject = split(template(to.language(), item.kind().name()).instance(), data)[0];
            return Map.<String, Object>of("subject", subject, "link", data.get("link"));
        }).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", to.name() == null ? "" : to.name());
        data.put("count", lines.size());
        data.put("items", lines);
        data.put("preferences", frontend + "/settings/notifications");
        String[] out = split(template(to.language(), "DIGEST").instance(), data);
        return new Rendered(out[0], out[1], null);
    }

    private Template template(String lang, String name) {
        Template t = engine.getTemplate("mail/" + lang + "/" + name);
        if (t == null) {
            throw new IllegalStateException("No template mail/" + lang + "/" + name);
        }
        return t;
    }

    private static String[] split(TemplateInstance instance, Map<String, Object> data) {
        data.forEach(instance::data);
        String all = instance.render().replace("\r\n", "\n");
        int nl = all.indexOf('\n');
        String subject = (nl < 0 ? all : all.substring(0, nl)).trim();
        String body = nl < 0 ? "" : all.substring(nl + 1).replaceFirst("^\\n+", "");
        return new String[]{subject, body};
    }

    private Map<String, Object> data(MailKind kind, Map<String, String> p, Person to, String partnerName) {
        String lang = to.language();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", to.name() == null ? "" : to.name());
        boolean mentee = "MENTEE".equals(p.get("role"));
        String fallback = "de".equals(lang) ? (mentee ? "Ihr Mentor bzw. Ihre Mentorin" : "Ihr Mentee")
                : (mentee ? "your mentor" : "your mentee");
        data.put("partner", partnerName == null || partnerName.isBlank() ? fallback : partnerName);
        data.put("mentee", mentee);
        data.put("when", p.containsKey("startsAt") ? TIME.get(lang).format(Instant.parse(p.get("startsAt"))) : "");
        data.put("duration", p.getOrDefault("durationMinutes", ""));
        data.put("videoLink", p.get("videoLink"));
        data.put("reason", p.get("reason"));
        data.put("format", p.get("format"));
        data.put("startDate", p.containsKey("startDate") ? DAY.get(lang).format(LocalDate.parse(p.get("startDate"))) : "");
        data.put("endDate", p.containsKey("endDate") ? DAY.get(lang).format(LocalDate.parse(p.get("endDate"))) : "");
        data.put("cadenceDays", p.getOrDefault("cadenceDays", ""));
        data.put("daysSince", p.getOrDefault("daysSince", ""));
        data.put("version", p.getOrDefault("version", ""));
        data.put("completed", "COMPLETED".equals(p.get("ending")));
        // why the system ended an agreement, spelled out by the template (never shown as a code)
        data.put("endReason", MailEvents.systemReason(p.get("endReason")) ? p.get("endReason") : "");
        data.put("link", link(kind, p));
        data.put("preferences", frontend + "/settings/notifications");
        return data;
    }

    private String link(MailKind kind, Map<String, String> p) {
        return switch (kind) {
            case INTERVIEW_REQUESTED, APPLICATION_ACCEPTED, APPLICATION_REJECTED, PROGRAMME_CANCELLED, PROGRAMME_COMPLETED,
                 PROPOSAL_WITHDRAWN -> frontend + "/applications/" + p.get("applicationId");
            case MATCH_PROPOSED, MATCH_CONFIRMED -> frontend + "/proposals/" + p.get("matchId");
            case MEETING_SCHEDULED, MEETING_RESCHEDULED, MEETING_CANCELLED, MEETING_REMINDER -> frontend + "/meetings/" + p.get("meetingId");
            case SURVEY_DUE -> frontend + "/agreements/" + p.get("agreementId") + "/surveys";
            case AGREEMENT_ENDED -> frontend + "/agreements/" + p.get("agreementId") + "/closing";
            default -> frontend + "/agreements/" + p.get("agreementId");
        };
    }

    /**
     * The invitation (RFC 5545, iTIP): UID as sessions-service's calendar files use it, so a calendar keeps one entry per
     * meeting; SEQUENCE grows with every change; REQUEST for a new or moved meeting, CANCEL (STATUS:CANCELLED) when
     * called off. UTC times, CRLF line ends, lines folded at 75 octets.
     */
    String ics(MailKind kind, Map<String, String> p, Person to, String summary) {
        boolean cancel = kind == MailKind.MEETING_CANCELLED;
        Instant start = Instant.parse(p.get("startsAt"));
        int minutes = Integer.parseInt(p.getOrDefault("durationMinutes", "60"));
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Reverse mentoring//notifications-service//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + (cancel ? "CANCEL" : "REQUEST"));
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + p.get("meetingId") + "@sessions.mentoring");
        line(out, "SEQUENCE:" + p.getOrDefault("sequence", "0"));
        line(out, "DTSTAMP:" + ICS_TIME.format(Instant.now()));
        line(out, "DTSTART:" + ICS_TIME.format(start));
        line(out, "DTEND:" + ICS_TIME.format(start.plusSeconds(60L * minutes)));
        line(out, "SUMMARY:" + escape(summary));
        line(out, "URL:" + link(kind, p));
        line(out, "ORGANIZER:mailto:" + address(from));
        line(out, "ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:" + to.email());
        line(out, "STATUS:" + (cancel ? "CANCELLED" : "CONFIRMED"));
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static String address(String from) {
        int lt = from.indexOf('<');
        int gt = from.indexOf('>');
        return lt >= 0 && gt > lt ? from.substring(lt + 1, gt).trim() : from.trim();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }

    private static void line(StringBuilder out, String line) {
        byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(line).append("\r\n");
            return;
        }
        // fold at 75 octets without splitting a character
        StringBuilder current = new StringBuilder();
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append(current).append("\r\n ");
                current.setLength(0);
                octets = 0;
                limit = 74;
            }
            current.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append(current).append("\r\n");
    }
}
