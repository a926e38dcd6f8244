package org.mentoring.notifications.mail;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.notifications.Fixtures;
import org.mentoring.notifications.MailServerResource;
import org.mentoring.testsupport.KafkaRecords;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** People, events and received e-mails for the mail tests. */
final class MailFixtures {

    private MailFixtures() {
    }

    /** A platform user: token subject, directory person, address, name, application. */
    record Person(String applicantId, UUID personId, String email, String name, UUID applicationId, UUID programmeId) {
    }

    /** An e-mail as its reader sees it. */
    record Received(String subject, String text, String ics) {
        /** The iCalendar properties by name (lines unfolded, parameters dropped). */
        Map<String, String> calendar() {
            Map<String, String> props = new LinkedHashMap<>();
            for (String line : ics.replace("\r\n ", "").split("\r\n")) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon);
                int semi = name.indexOf(';');
                props.putIfAbsent(semi < 0 ? name : name.substring(0, semi), line.substring(colon + 1));
            }
            return props;
        }
    }

    static Person newPerson(String name) {
        String id = "mail-" + UUID.randomUUID();
        return new Person(id, UUID.randomUUID(), id + "@example.test", name + " " + id.substring(5, 9), UUID.randomUUID(), UUID.randomUUID());
    }

    static String json(List<String> values) {
        return values == null ? "null" : values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    static void directory(Person p, List<String> languages, boolean active) {
        String type = active ? EventTypes.DIRECTORY_PERSON_UPSERTED : EventTypes.DIRECTORY_PERSON_DEACTIVATED;
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, p.personId().toString(), Fixtures.event(UUID.randomUUID(), type, p.personId().toString(), """
                {"personId":"%s","userName":"%s","displayName":"%s","managerChain":[],"languages":%s,"active":%s,"changedAt":"%s"}"""
                .formatted(p.personId(), p.applicantId(), p.name(), json(languages), active, Instant.now())));
    }

    static void contact(Person p, String email) {
        KafkaRecords.sendCloudEvent(Topics.CONTACTS, p.personId().toString(), Fixtures.event(UUID.randomUUID(),
                EventTypes.DIRECTORY_CONTACT_CHANGED, p.personId().toString(), """
                        {"personId":"%s","email":%s,"changedAt":"%s"}""".formatted(p.personId(), email == null ? "null" : "\"" + email + "\"",
                        Instant.now())));
    }

    static String application(UUID eventId, String type, Person p, List<String> languages, String status, String reason) {
        return application(eventId, type, p, "MENTEE", languages, status, reason, 1);
    }

    static String application(UUID eventId, String type, Person p, String role, List<String> languages, String status, String reason,
                              long revision) {
        return Fixtures.event(eventId, type, p.applicationId().toString(), """
                {"applicationId":"%s","programmeId":"%s","applicantId":"%s","role":"%s","status":"%s","displayName":"%s",\
                "directoryPersonId":"%s","languages":%s,"reason":%s,"changedAt":"%s","revision":%d}"""
                .formatted(p.applicationId(), p.programmeId(), p.applicantId(), role, status, p.name(), p.personId(), json(languages),
                        reason == null ? "null" : "\"" + reason + "\"", Instant.now(), revision));
    }

    /** An application's later event (revision 2) with its role, as the programme's end or a withdrawal publishes it. */
    static void sendApplication(String type, Person p, String role, List<String> languages, String status, String reason) {
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, p.applicationId().toString(),
                application(UUID.randomUUID(), type, p, role, languages, status, reason, 2));
    }

    static void sendApplication(String type, Person p, List<String> languages, String status, String reason) {
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, p.applicationId().toString(), application(UUID.randomUUID(), type, p, languages, status, reason));
    }

    static void interview(Person p, Instant at) {
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, p.applicationId().toString(), Fixtures.event(UUID.randomUUID(),
                EventTypes.APPLICATION_INTERVIEW_REQUESTED, p.applicationId().toString(), """
                        {"applicationId":"%s","programmeId":"%s","applicantId":"%s","scheduledAt":"%s","durationMinutes":30,\
                        "videoLink":"https://meet.example.test/interview-1","requestedAt":"%s"}"""
                        .formatted(p.applicationId(), p.programmeId(), p.applicantId(), at, Instant.now())));
    }

    static void match(String type, UUID matchId, Person mentee, Person mentor) {
        KafkaRecords.sendCloudEvent(Topics.MATCHING, matchId.toString(), Fixtures.event(UUID.randomUUID(), type, matchId.toString(), """
                {"matchId":"%s","programmeId":"%s","status":"APPROVED","mentee":{"applicationId":"%s","applicantId":"%s","displayName":"%s"},\
                "mentor":{"applicationId":"%s","applicantId":"%s","displayName":"%s"},"agendaTopics":[],"score":0.9,"changedAt":"%s"}"""
                .formatted(matchId, mentee.programmeId(), mentee.applicationId(), mentee.applicantId(), mentee.name(),
                        mentor.applicationId(), mentor.applicantId(), mentor.name(), Instant.now())));
    }

    static void agreement(String type, UUID agreementId, Person mentee, Person mentor, LocalDate start, LocalDate end, Instant changedAt) {
        KafkaRecords.sendCloudEvent(Topics.AGREEMENTS, agreementId.toString(), Fixtures.event(UUID.randomUUID(), type, agreementId.toString(), """
                {"agreementId":"%s","matchId":"%s","programmeId":"%s","status":"%s","versionInForce":1,"latestVersion":2,\
                "mentee":{"applicationId":"%s","applicantId":"%s","displayName":"%s"},\
                "mentor":{"applicationId":"%s","applicantId":"%s","displayName":"%s"},"agendaTopics":[],"startDate":"%s","endDate":"%s",\
                "meetingCadenceDays":21,"firstMeetingsInPerson":0,"changedAt":"%s","revision":3}"""
                .formatted(agreementId, UUID.randomUUID(), mentee.programmeId(), statusOf(type), mentee.applicationId(), mentee.applicantId(),
                        mentee.name(), mentor.applicationId(), mentor.applicantId(), mentor.name(), start, end, changedAt)));
    }

    /** An agreement that ended: completed or terminated, {@code endedBy} and {@code reasonCategory} as given. */
    static void agreementEnded(String type, UUID agreementId, Person mentee, Person mentor, String endedBy, String reasonCategory) {
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(30);
        KafkaRecords.sendCloudEvent(Topics.AGREEMENTS, agreementId.toString(), Fixtures.event(UUID.randomUUID(), type, agreementId.toString(), """
                {"agreementId":"%s","matchId":"%s","programmeId":"%s","status":"%s","versionInForce":1,"latestVersion":1,\
                "mentee":{"applicationId":"%s","applicantId":"%s","displayName":"%s"},\
                "mentor":{"applicationId":"%s","applicantId":"%s","displayName":"%s"},"agendaTopics":[],"startDate":"%s","endDate":"%s",\
                "meetingCadenceDays":21,"firstMeetingsInPerson":0,\
                "ending":{"endedBy":"%s","reasonCategory":"%s","closingConversationHeld":false,"endedAt":"%s"},\
                "changedAt":"%s","revision":5}"""
                .formatted(agreementId, UUID.randomUUID(), mentee.programmeId(), statusOf(type), mentee.applicationId(), mentee.applicantId(),
                        mentee.name(), mentor.applicationId(), mentor.applicantId(), mentor.name(), start, start.plusDays(180), endedBy,
                        reasonCategory, Instant.now(), Instant.now())));
    }

    /** A proposal's event on the matching topic under {@code key} (the match id, unless a test needs two on one partition). */
    static void match(String type, String key, UUID matchId, Person mentee, Person mentor, String status, String reason) {
        KafkaRecords.sendCloudEvent(Topics.MATCHING, key, Fixtures.event(UUID.randomUUID(), type, matchId.toString(), """
                {"matchId":"%s","programmeId":"%s","status":"%s","mentee":{"applicationId":"%s","applicantId":"%s","displayName":"%s"},\
                "mentor":{"applicationId":"%s","applicantId":"%s","displayName":"%s"},"agendaTopics":[],"score":0.9,"reason":%s,"changedAt":"%s"}"""
                .formatted(matchId, mentee.programmeId(), status, mentee.applicationId(), mentee.applicantId(), mentee.name(),
                        mentor.applicationId(), mentor.applicantId(), mentor.name(), reason == null ? "null" : "\"" + reason + "\"",
                        Instant.now())));
    }

    private static String statusOf(String type) {
        return switch (type) {
            case EventTypes.AGREEMENT_PROPOSED -> "PROPOSED";
            case EventTypes.AGREEMENT_COMPLETED -> "COMPLETED";
            case EventTypes.AGREEMENT_TERMINATED -> "TERMINATED";
            default -> "ACTIVE";
        };
    }

    static void meeting(String type, UUID meetingId, Person mentee, Person mentor, Instant startsAt) {
        String status = EventTypes.MEETING_CANCELLED.equals(type) ? "CANCELLED" : "SCHEDULED";
        KafkaRecords.sendCloudEvent(Topics.SESSIONS, meetingId.toString(), Fixtures.event(UUID.randomUUID(), type, meetingId.toString(), """
                {"meetingId":"%s","agreementId":"%s","programmeId":"%s","status":"%s","menteeId":"%s","mentorId":"%s","startsAt":"%s",\
                "durationMinutes":45,"format":"ONLINE","inPersonRequired":false,"agendaTopics":[],"changedAt":"%s"}"""
                .formatted(meetingId, UUID.randomUUID(), mentee.programmeId(), status, mentee.applicantId(), mentor.applicantId(), startsAt,
                        Instant.now())));
    }

    static void reminded(UUID agreementId, Person mentee, Person mentor) {
        KafkaRecords.sendCloudEvent(Topics.SESSIONS, agreementId.toString(), Fixtures.event(UUID.randomUUID(), EventTypes.PAIR_REMINDED,
                agreementId.toString(), """
                        {"agreementId":"%s","programmeId":"%s","menteeId":"%s","mentorId":"%s","meetingCadenceDays":14,\
                        "lastMeetingAt":"%s","daysSinceLastMeeting":19,"raisedAt":"%s"}"""
                        .formatted(agreementId, mentee.programmeId(), mentee.applicantId(), mentor.applicantId(), Instant.now().minusSeconds(19 * 86400L),
                                Instant.now())));
    }

    static void erased(Person p) {
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, p.applicantId(), Fixtures.event(UUID.randomUUID(), EventTypes.APPLICANT_ERASED,
                p.applicantId(), """
                        {"applicantId":"%s","applicationIds":["%s"],"erasedAt":"%s"}""".formatted(p.applicantId(), p.applicationId(), Instant.now())));
    }

    /** Every e-mail the SMTP server received for the address, oldest first. */
    static List<Received> mails(String address) {
        GreenMail server = MailServerResource.server();
        List<Received> out = new ArrayList<>();
        try {
            for (MimeMessage m : server.getReceivedMessages()) {
                boolean to = java.util.Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
                if (to) {
                    out.add(parse(m));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Received parse(MimeMessage m) throws Exception {
        String[] found = new String[2];
        walk(m, found);
        return new Received(m.getSubject(), found[0], found[1]);
    }

    private static void walk(Part part, String[] found) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                walk(child, found);
            }
        } else if (part.isMimeType("text/calendar") || (part.getFileName() != null && part.getFileName().endsWith(".ics"))) {
            found[1] = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } else if (part.isMimeType("text/plain") && found[0] == null) {
            found[0] = part.getContent().toString().replace("\r\n", "\n");
        }
    }
}
