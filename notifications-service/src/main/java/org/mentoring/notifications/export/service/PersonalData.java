package org.mentoring.notifications.export.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.notifications.mail.model.MailKind;
import org.mentoring.notifications.mail.service.Preferences;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Everything the service holds about one person (by token subject), for their export: what it knows of them from the
 * events (name, languages, directory address, the status of their applications), their preferences, the mails it sent, skipped or still holds for them and
 * those scheduled. Mails are listed by kind and status: their text is rendered at send time and not kept.
 */
@ApplicationScoped
public class PersonalData {

    private static final String UTC = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

    private final Preferences preferences;

    public PersonalData(Preferences preferences) {
        this.preferences = preferences;
    }

    /** How the service knows the person: null fields where it does not. */
    public record Recipient(@Schema(nullable = true) String displayName, @Schema(nullable = true) List<String> applicationLanguages,
                            @Schema(nullable = true) UUID directoryPersonId, @Schema(nullable = true) String email,
                            @Schema(nullable = true) List<String> directoryLanguages) {
    }

    public record Mail(UUID id, @Schema(implementation = MailKind.class) String kind, String status, Instant createdAt, @Schema(nullable = true) Instant sentAt,
                       @Schema(nullable = true) String skipReason) {
    }

    public record Scheduled(@Schema(implementation = MailKind.class) String kind, Instant dueAt) {
    }

    /** An application of theirs as its latest event described it (status, and why it was withdrawn). */
    public record Application(UUID applicationId, String status, @Schema(nullable = true) String reason) {
    }

    public record Held(Recipient recipient, List<Application> applications, Preferences.Chosen preferences, List<Mail> mails,
                       List<Scheduled> scheduled) {
    }

    @WithSession
    public Uni<Held> of(String subject) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select r.display_name, array_to_string(r.languages, ','), cast(r.directory_person_id as text), p.email,"
                                + " array_to_string(p.languages, ',') from mail_recipient r"
                                + " left join mail_person p on p.person_id = r.directory_person_id where r.applicant_id = :s", Object[].class)
                .setParameter("s", subject).getResultList()
                .map(rows -> rows.isEmpty() ? null : new Recipient((String) rows.get(0)[0], list(rows.get(0)[1]),
                        rows.get(0)[2] == null ? null : UUID.fromString((String) rows.get(0)[2]), (String) rows.get(0)[3], list(rows.get(0)[4])))
                .chain(recipient -> session.createNativeQuery(
                                "select cast(id as text), kind, status, to_char(created_at at time zone 'UTC', " + UTC + "),"
                                        + " to_char(sent_at at time zone 'UTC', " + UTC + "), skip_reason from mail_message"
                                        + " where applicant_id = :s order by created_at, id", Object[].class)
                        .setParameter("s", subject).getResultList()
                        .map(rows -> rows.stream().map(r -> new Mail(UUID.fromString((String) r[0]), (String) r[1], (String) r[2],
                                instant(r[3]), instant(r[4]), (String) r[5])).toList())
                        .chain(mails -> session.createNativeQuery(
                                        "select kind, to_char(due_at at time zone 'UTC', " + UTC + ") from mail_schedule"
                                                + " where applicant_id = :s order by due_at", Object[].class)
                                .setParameter("s", subject).getResultList()
                                .map(rows -> rows.stream().map(r -> new Scheduled((String) r[0], instant(r[1]))).toList())
                                .chain(scheduled -> session.createNativeQuery(
                                                "select cast(application_id as text), status, reason from mail_application"
                                                        + " where applicant_id = :s order by updated_at, application_id", Object[].class)
                                        .setParameter("s", subject).getResultList()
                                        .map(rows -> rows.stream().map(r -> new Application(UUID.fromString((String) r[0]), (String) r[1],
                                                (String) r[2])).toList())
                                        .chain(applications -> preferences.of(subject)
                                                .map(chosen -> new Held(recipient, applications, chosen, mails, scheduled)))))));
    }

    private static List<String> list(Object joined) {
        return joined == null || ((String) joined).isEmpty() ? List.of() : Arrays.asList(((String) joined).split(","));
    }

    private static Instant instant(Object text) {
        return text == null ? null : Instant.parse((String) text);
    }
}
