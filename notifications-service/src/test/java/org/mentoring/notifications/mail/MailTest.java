package org.mentoring.notifications.mail;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.notifications.MailServerResource;
import org.mentoring.notifications.mail.MailFixtures.Person;
import org.mentoring.notifications.mail.MailFixtures.Received;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.mentoring.notifications.mail.MailFixtures.mails;

/** E-mail to people through real Kafka, PostgreSQL and an SMTP server: what each person finds in their inbox. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
@WithTestResource(MailServerResource.class)
class MailTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String FRONTEND = "http://localhost:3000";

    @Inject
    AgroalDataSource db;

    // --- people -------------------------------------------------------------------------------------------------------

    /** A person the service knows: directory languages, address (or none) and an application with its languages. */
    private Person person(String name, List<String> directoryLanguages, List<String> applicationLanguages, boolean withAddress) {
        Person p = MailFixtures.newPerson(name);
        MailFixtures.directory(p, directoryLanguages, true);
        if (withAddress) {
            MailFixtures.contact(p, p.email());
        }
        MailFixtures.sendApplication(EventTypes.APPLICATION_SUBMITTED, p, applicationLanguages, "SUBMITTED", null);
        await().atMost(WAIT).until(() -> count("select count(*) from mail_recipient r join mail_person p on p.person_id = r.directory_person_id"
                + " where r.applicant_id = ? and (p.email is not null or not ?)", p.applicantId(), withAddress) == 1);
        return p;
    }

    private Person en(String name) {
        return person(name, List.of("en"), List.of("en"), true);
    }

    private Person de(String name) {
        return person(name, List.of("de"), List.of("de"), true);
    }

    private long count(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Received awaitMail(Person p, String subjectPart) {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> mails(p.email()).stream().anyMatch(m -> m.subject().contains(subjectPart)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("No mail '" + subjectPart + "' for " + p.applicantId() + "; received: "
                    + mails(p.email()).stream().map(Received::subject).toList() + "; queued: "
                    + text("select string_agg(kind || ' ' || status || ' ' || coalesce(skip_reason, '') || ' ' || attempts, '; ')"
                    + " from mail_message where applicant_id = ?", p.applicantId()), e);
        }
        return mails(p.email()).stream().filter(m -> m.subject().contains(subjectPart)).findFirst().orElseThrow();
    }

    private static List<Received> awaitMails(Person p, int count) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> mails(p.email()).size() >= count);
        return mails(p.email());
    }

    private static String enDay(LocalDate d) {
        return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(d);
    }

    private static String deDay(LocalDate d) {
        return DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.GERMAN).format(d);
    }

    // --- tests --------------------------------------------------------------------------------------------------------

    @Test
    void applicantsHearOfInterviewsAndDecisionsInTheirLanguageChosenFromDirectoryThenApplicationThenDefault() {
        Person ada = en("Ada");
        // directory: French first, then German -> German, although the application says English
        Person bert = person("Bert", List.of("fr", "de"), List.of("en"), true);
        // no directory language -> the application's
        Person clara = person("Clara", List.of(), List.of("de"), true);
        // neither -> the default, English
        Person dan = person("Dan", List.of(), List.of("it"), true);
        Instant at = Instant.parse("2030-03-14T09:30:00Z");

        MailFixtures.interview(ada, at);
        MailFixtures.interview(bert, at);
        MailFixtures.sendApplication(EventTypes.APPLICATION_ACCEPTED, ada, List.of("en"), "ACCEPTED", null);
        MailFixtures.sendApplication(EventTypes.APPLICATION_ACCEPTED, bert, List.of("en"), "ACCEPTED", null);
        MailFixtures.sendApplication(EventTypes.APPLICATION_REJECTED, clara, List.of("de"), "REJECTED", "Das Programm ist voll.");
        MailFixtures.sendApplication(EventTypes.APPLICATION_REJECTED, dan, List.of("it"), "REJECTED", "The programme is full.");

        Received interview = awaitMail(ada, "Interview about your application");
        assertThat(interview.subject()).isEqualTo("Interview about your application on Thursday, 14 March 2030 at 09:30 UTC");
        assertThat(interview.text()).startsWith("Hello " + ada.name() + ",").contains("Duration: 30 minutes")
                .contains("Video link: https://meet.example.test/interview-1")
                .contains(FRONTEND + "/applications/" + ada.applicationId()).contains(FRONTEND + "/settings/notifications");
        Received gespraech = awaitMail(bert, "Gespräch zu Ihrer Bewerbung");
        assertThat(gespraech.subject()).isEqualTo("Gespräch zu Ihrer Bewerbung am Donnerstag, 14. März 2030 um 09:30 Uhr UTC");
        assertThat(gespraech.text()).startsWith("Guten Tag " + bert.name() + ",").contains("Dauer: 30 Minuten")
                .contains("Videolink: https://meet.example.test/interview-1").contains(FRONTEND + "/applications/" + bert.applicationId());

        assertThat(awaitMail(ada, "accepted").subject()).isEqualTo("Your application was accepted");
        assertThat(awaitMail(ada, "accepted").text()).contains("matching pool").contains(FRONTEND + "/applications/" + ada.applicationId());
        assertThat(awaitMail(bert, "angenommen").subject()).isEqualTo("Ihre Bewerbung wurde angenommen");
        Received abgelehnt = awaitMail(clara, "nicht angenommen");
        assertThat(abgelehnt.subject()).isEqualTo("Ihre Bewerbung wurde nicht angenommen");
        assertThat(abgelehnt.text()).contains("Begründung des Programmteams: Das Programm ist voll.")
                .contains(FRONTEND + "/applications/" + clara.applicationId());
        Received rejected = awaitMail(dan, "not accepted");
        assertThat(rejected.subject()).isEqualTo("Your application was not accepted");
        assertThat(rejected.text()).contains("The programme team's reason: The programme is full.");

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mentoring_mails_sent_total{kind=\"APPLICATION_ACCEPTED\"}"));
    }

    @Test
    void aPairHearsOfProposalConfirmationAgreementSurveyEndingSoonAndEndEachInTheirLanguage() {
        Person mentee = en("Erin");
        Person mentor = de("Felix");
        UUID matchId = UUID.randomUUID();

        MailFixtures.match(EventTypes.MATCH_PROPOSED, matchId, mentee, mentor);
        Received proposed = awaitMail(mentee, "A mentoring partner is proposed");
        assertThat(proposed.subject()).isEqualTo("A mentoring partner is proposed for you: " + mentor.name());
        assertThat(proposed.text()).contains("We propose " + mentor.name() + " as your mentor").contains(FRONTEND + "/proposals/" + matchId);
        Received vorschlag = awaitMail(mentor, "Vorschlag für Ihr Tandem");
        assertThat(vorschlag.subject()).isEqualTo("Vorschlag für Ihr Tandem: " + mentee.name());
        assertThat(vorschlag.text()).contains("als Mentee vor").contains(FRONTEND + "/proposals/" + matchId);

        MailFixtures.match(EventTypes.MATCH_CONFIRMED, matchId, mentee, mentor);
        assertThat(awaitMail(mentee, "is confirmed").subject()).isEqualTo("Your mentoring pair with " + mentor.name() + " is confirmed");
        assertThat(awaitMail(mentor, "steht").subject()).isEqualTo("Ihr Tandem mit " + mentee.name() + " steht");

        UUID agreementId = UUID.randomUUID();
        LocalDate start = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = start.plusDays(10);
        MailFixtures.agreement(EventTypes.AGREEMENT_PROPOSED, agreementId, mentee, mentor, start, end, Instant.now());
        Received sign = awaitMail(mentee, "Please sign");
        assertThat(sign.subject()).isEqualTo("Please sign your mentoring agreement with " + mentor.name());
        assertThat(sign.text()).contains("Version 2").contains(FRONTEND + "/agreements/" + agreementId);
        assertThat(awaitMail(mentor, "Bitte unterschreiben").text()).contains("Version 2 Ihrer Mentoring-Vereinbarung mit " + mentee.name());

        // active with the end 10 days ahead: in force now, ending soon at once (lead 14 days), the survey 3 s later in tests
        MailFixtures.agreement(EventTypes.AGREEMENT_ACTIVATED, agreementId, mentee, mentor, start, end, Instant.now());
        Received active = awaitMail(mentee, "is in force");
        assertThat(active.text()).contains("Runs: " + enDay(start) + " to " + enDay(end)).contains("every 21 days")
                .contains(FRONTEND + "/agreements/" + agreementId);
        assertThat(awaitMail(mentor, "ist in Kraft").text()).contains("Laufzeit: " + deDay(start) + " bis " + deDay(end));
        assertThat(awaitMail(mentee, "ends on").subject())
                .isEqualTo("Your mentoring agreement with " + mentor.name() + " ends on " + enDay(end));
        assertThat(awaitMail(mentor, "endet am").subject())
                .isEqualTo("Ihre Mentoring-Vereinbarung mit " + mentee.name() + " endet am " + deDay(end));
        Received survey = awaitMail(mentee, "How is your mentoring");
        assertThat(survey.text()).contains(FRONTEND + "/agreements/" + agreementId + "/surveys");
        assertThat(awaitMail(mentor, "Wie läuft Ihr Mentoring").subject()).isEqualTo("Wie läuft Ihr Mentoring mit " + mentee.name() + "?");

        MailFixtures.agreement(EventTypes.AGREEMENT_COMPLETED, agreementId, mentee, mentor, start, end, Instant.now());
        Received ended = awaitMail(mentee, "has ended");
        assertThat(ended.text()).contains("has been completed").contains("closing conversation")
                .contains(FRONTEND + "/agreements/" + agreementId + "/closing");
        assertThat(awaitMail(mentor, "ist beendet").text()).contains("wurde erfolgreich abgeschlossen").contains("Abschlussgespräch");
        // the next survey (an hour later in tests) was removed with the end
        assertThat(count("select count(*) from mail_schedule where schedule_key like ?", "agreement:" + agreementId + "%")).isZero();
    }

    @Test
    void anAmendmentThatMovesTheEndDateMovesTheEndingSoonMail() {
        Person mentee = en("Tara");
        Person mentor = de("Uwe");
        UUID agreementId = UUID.randomUUID();
        LocalDate start = LocalDate.now(ZoneOffset.UTC);
        // activated a minute "later" so that the first survey stays out of the way
        MailFixtures.agreement(EventTypes.AGREEMENT_ACTIVATED, agreementId, mentee, mentor, start, start.plusDays(200), Instant.now().plusSeconds(60));
        awaitMail(mentee, "is in force");
        assertThat(count("select count(*) from mail_schedule where schedule_key = ? and due_at > now() + interval '150 days'",
                "agreement:" + agreementId + ":ending-soon")).isEqualTo(2);

        LocalDate end = start.plusDays(7);
        MailFixtures.agreement(EventTypes.AGREEMENT_AMENDED, agreementId, mentee, mentor, start, end, Instant.now().plusSeconds(60));
        assertThat(awaitMail(mentee, "ends on").subject()).isEqualTo("Your mentoring agreement with " + mentor.name() + " ends on " + enDay(end));
        assertThat(awaitMail(mentor, "endet am").text()).contains("endet am " + deDay(end));
        // the old date's mail is gone with the amendment, the new one was sent once
        assertThat(count("select count(*) from mail_schedule where schedule_key = ?", "agreement:" + agreementId + ":ending-soon")).isZero();
        assertThat(mails(mentee.email())).filteredOn(m -> m.subject().contains("ends on")).hasSize(1);
    }

    @Test
    void meetingsComeWithInvitationsWhoseSequenceGrowsAndACancellationRemovesThem() {
        Person mentee = en("Gina");
        Person mentor = de("Hans");
        UUID meetingId = UUID.randomUUID();

        MailFixtures.meeting(EventTypes.MEETING_SCHEDULED, meetingId, mentee, mentor, Instant.parse("2030-03-14T09:30:00Z"));
        Received scheduled = awaitMail(mentee, "Meeting with");
        assertThat(scheduled.subject()).isEqualTo("Meeting with " + mentor.name() + " on Thursday, 14 March 2030 at 09:30 UTC");
        assertThat(scheduled.text()).contains("Duration: 45 minutes").contains(FRONTEND + "/meetings/" + meetingId);
        assertThat(scheduled.ics()).contains("\r\n").doesNotContain("\n\n");
        Map<String, String> cal = scheduled.calendar();
        assertThat(cal).containsEntry("METHOD", "REQUEST").containsEntry("UID", meetingId + "@sessions.mentoring")
                .containsEntry("SEQUENCE", "0").containsEntry("DTSTART", "20300314T093000Z").containsEntry("DTEND", "20300314T101500Z")
                .containsEntry("STATUS", "CONFIRMED").containsEntry("ATTENDEE", "mailto:" + mentee.email());
        Received geplant = awaitMail(mentor, "Treffen mit");
        assertThat(geplant.subject()).isEqualTo("Treffen mit " + mentee.name() + " am Donnerstag, 14. März 2030 um 09:30 Uhr UTC");
        assertThat(geplant.calendar()).containsEntry("UID", meetingId + "@sessions.mentoring").containsEntry("SEQUENCE", "0");

        MailFixtures.meeting(EventTypes.MEETING_RESCHEDULED, meetingId, mentee, mentor, Instant.parse("2030-03-21T15:00:00Z"));
        Received moved = awaitMail(mentee, "moved to");
        assertThat(moved.subject()).isEqualTo("Meeting with " + mentor.name() + " moved to Thursday, 21 March 2030 at 15:00 UTC");
        assertThat(moved.calendar()).containsEntry("METHOD", "REQUEST").containsEntry("UID", meetingId + "@sessions.mentoring")
                .containsEntry("SEQUENCE", "1").containsEntry("DTSTART", "20300321T150000Z");
        assertThat(awaitMail(mentor, "verschoben").calendar()).containsEntry("SEQUENCE", "1");

        MailFixtures.meeting(EventTypes.MEETING_CANCELLED, meetingId, mentee, mentor, Instant.parse("2030-03-21T15:00:00Z"));
        Received cancelled = awaitMail(mentee, "cancelled");
        assertThat(cancelled.calendar()).containsEntry("METHOD", "CANCEL").containsEntry("STATUS", "CANCELLED")
                .containsEntry("UID", meetingId + "@sessions.mentoring").containsEntry("SEQUENCE", "2");
        assertThat(awaitMail(mentor, "abgesagt").calendar()).containsEntry("METHOD", "CANCEL").containsEntry("SEQUENCE", "2");
        // cancelled: no reminder left for it
        assertThat(count("select count(*) from mail_schedule where schedule_key = ?", "meeting:" + meetingId + ":reminder")).isZero();
    }

    @Test
    void aReminderComes24HoursBeforeAMeetingAndTheCadenceReminderWhenThePairIsLate() {
        Person mentee = en("Ines");
        Person mentor = de("Jan");
        UUID meetingId = UUID.randomUUID();
        Instant startsAt = Instant.now().plus(24, ChronoUnit.HOURS).plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        MailFixtures.meeting(EventTypes.MEETING_SCHEDULED, meetingId, mentee, mentor, startsAt);
        String when = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC).format(startsAt);
        Received reminder = awaitMail(mentee, "Reminder");
        assertThat(reminder.subject()).isEqualTo("Reminder: meeting with " + mentor.name() + " on " + when);
        assertThat(reminder.text()).contains("tomorrow").contains(FRONTEND + "/meetings/" + meetingId);
        assertThat(reminder.ics()).isNull();
        assertThat(awaitMail(mentor, "Erinnerung").text()).contains("morgen");

        UUID agreementId = UUID.randomUUID();
        MailFixtures.reminded(agreementId, mentee, mentor);
        Received late = awaitMail(mentee, "Time to meet");
        assertThat(late.subject()).isEqualTo("Time to meet " + mentor.name() + " again");
        assertThat(late.text()).contains("every 14 days").contains("19 days ago").contains(FRONTEND + "/agreements/" + agreementId);
        assertThat(awaitMail(mentor, "Zeit für ein Treffen").text()).contains("alle 14 Tage").contains("19 Tage her");
        // one reminder per person and meeting
        assertThat(mails(mentee.email())).filteredOn(m -> m.subject().startsWith("Reminder")).hasSize(1);
    }

    @Test
    void aRedeliveredEventMailsOnce() {
        Person kim = en("Kim");
        UUID eventId = UUID.randomUUID();
        String accepted = MailFixtures.application(eventId, EventTypes.APPLICATION_ACCEPTED, kim, List.of("en"), "ACCEPTED", null);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, kim.applicationId().toString(), accepted);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, kim.applicationId().toString(), accepted);
        // a later event on the same key: once its mail is there, the redelivery has been consumed too
        MailFixtures.interview(kim, Instant.parse("2030-03-14T09:30:00Z"));
        awaitMail(kim, "Interview");
        awaitMail(kim, "accepted");
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> mails(kim.email()).size() == 2);
        assertThat(count("select count(*) from mail_message where applicant_id = ? and kind = 'APPLICATION_ACCEPTED'", kim.applicantId()))
                .isEqualTo(1);
    }

    @Test
    void aMailIsRetriedWhileTheSmtpServerIsAwayAndArrivesOnceItIsBack() {
        Person vera = en("Vera");
        MailServerResource.pause();
        try {
            MailFixtures.sendApplication(EventTypes.APPLICATION_ACCEPTED, vera, List.of("en"), "ACCEPTED", null);
            await().atMost(WAIT).until(() -> count("select count(*) from mail_message where applicant_id = ? and status = 'PENDING'"
                    + " and attempts >= 1", vera.applicantId()) == 1);
        } finally {
            MailServerResource.resume();
        }
        assertThat(awaitMail(vera, "accepted").subject()).isEqualTo("Your application was accepted");
        assertThat(count("select count(*) from mail_message where applicant_id = ? and status = 'SENT' and attempts >= 2",
                vera.applicantId())).isEqualTo(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mentoring_mails_failed_total{kind=\"APPLICATION_ACCEPTED\"}"));
    }

    @Test
    void preferencesAreHonouredAndRequiredKindsCannotBeSwitchedOff() {
        Person lea = en("Lea");
        Person max = en("Max");
        String token = TestTokens.token(lea.applicantId(), TestTokens.PARTICIPANT);

        given().get("/api/v1/me/notification-preferences").then().statusCode(401);
        given().auth().oauth2(token).get("/api/v1/me/notification-preferences").then().statusCode(200)
                .body("language", equalTo(null))
                .body("kinds.find { it.kind == 'SURVEY_DUE' }.enabled", equalTo(true))
                .body("kinds.find { it.kind == 'APPLICATION_REJECTED' }.required", equalTo(true))
                .body("kinds.find { it.kind == 'PROGRAMME_CANCELLED' }.required", equalTo(true))
                .body("kinds.find { it.kind == 'PROGRAMME_COMPLETED' }.required", equalTo(false))
                .body("kinds.find { it.kind == 'PROPOSAL_WITHDRAWN' }.required", equalTo(false))
                .body("kinds.size()", equalTo(18));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("kinds", Map.of("PROGRAMME_CANCELLED", false)))
                .put("/api/v1/me/notification-preferences").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("PROGRAMME_CANCELLED")).body("detail", containsString("required"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("kinds", Map.of("APPLICATION_ACCEPTED", false)))
                .put("/api/v1/me/notification-preferences").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("APPLICATION_ACCEPTED")).body("detail", containsString("required"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("kinds", Map.of("NEWSLETTER", false)))
                .put("/api/v1/me/notification-preferences").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("NEWSLETTER")).body("detail", containsString("CADENCE_MISSED"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("language", "fr"))
                .put("/api/v1/me/notification-preferences").then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"kinds\": []}")
                .put("/api/v1/me/notification-preferences").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("language", "de", "kinds", Map.of("CADENCE_MISSED", false)))
                .put("/api/v1/me/notification-preferences").then().statusCode(200)
                .body("language", equalTo("de")).body("kinds.find { it.kind == 'CADENCE_MISSED' }.enabled", equalTo(false));
        given().auth().oauth2(token).get("/api/v1/me/notification-preferences").then().statusCode(200)
                .body("language", equalTo("de")).body("kinds.find { it.kind == 'CADENCE_MISSED' }.enabled", equalTo(false))
                .body("kinds.find { it.kind == 'APPLICATION_ACCEPTED' }.enabled", equalTo(true));

        MailFixtures.reminded(UUID.randomUUID(), lea, max);
        MailFixtures.sendApplication(EventTypes.APPLICATION_ACCEPTED, lea, List.of("en"), "ACCEPTED", null);
        // max did not switch it off; lea did, and still gets the required one, in the language she chose
        assertThat(awaitMail(max, "Time to meet").subject()).isEqualTo("Time to meet " + lea.name() + " again");
        assertThat(awaitMail(lea, "Ihre Bewerbung").subject()).isEqualTo("Ihre Bewerbung wurde angenommen");
        await().atMost(WAIT).until(() -> "switched-off".equals(text(
                "select skip_reason from mail_message where applicant_id = ? and kind = 'CADENCE_MISSED'", lea.applicantId())));
        assertThat(mails(lea.email())).hasSize(1);
    }

    @Test
    void manyMailsAtOnceBecomeOneDigestWhileMeetingInvitationsComeOnTheirOwn() {
        Person nora = en("Nora");
        Person otto = de("Otto");
        UUID agreementId = UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            MailFixtures.reminded(agreementId, nora, otto);
        }
        MailFixtures.meeting(EventTypes.MEETING_SCHEDULED, UUID.randomUUID(), nora, otto, Instant.parse("2030-06-30T08:00:00Z"));

        List<Received> received = awaitMails(nora, 2);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> mails(nora.email()).size() == 2);
        Received digest = received.stream().filter(m -> m.subject().contains("updates")).findFirst().orElseThrow();
        assertThat(digest.subject()).isEqualTo("Reverse mentoring: 4 updates for you");
        assertThat(digest.text()).startsWith("Hello " + nora.name() + ",").contains("- Time to meet " + otto.name() + " again")
                .contains(FRONTEND + "/agreements/" + agreementId);
        assertThat(digest.text().split("- Time to meet", -1)).hasSize(5);
        Received invitation = received.stream().filter(m -> m.subject().startsWith("Meeting with")).findFirst().orElseThrow();
        assertThat(invitation.calendar()).containsEntry("METHOD", "REQUEST");

        List<Received> ottos = awaitMails(otto, 2);
        assertThat(ottos).extracting(Received::subject).contains("Reverse Mentoring: 4 Neuigkeiten für Sie");
        assertThat(count("select count(*) from mail_message where applicant_id = ? and status = 'SENT' and digest_id is not null",
                nora.applicantId())).isEqualTo(4);
    }

    @Test
    void anErasureLeavesNoRowAboutThePerson() {
        Person paula = en("Paula");
        Person quinn = de("Quinn");
        UUID agreementId = UUID.randomUUID();
        LocalDate start = LocalDate.now(ZoneOffset.UTC);
        MailFixtures.agreement(EventTypes.AGREEMENT_ACTIVATED, agreementId, paula, quinn, start, start.plusDays(200), Instant.now().plusSeconds(60));
        awaitMail(paula, "is in force");
        awaitMail(quinn, "ist in Kraft");
        given().auth().oauth2(TestTokens.token(paula.applicantId(), TestTokens.PARTICIPANT)).contentType(ContentType.JSON)
                .body(Map.of("kinds", Map.of("SURVEY_DUE", false))).put("/api/v1/me/notification-preferences").then().statusCode(200);
        assertThat(count("select count(*) from mail_schedule where applicant_id = ?", paula.applicantId())).isPositive();

        // before: her export shows what the service holds about her (the address, the preferences, the mails by kind)
        String paulasToken = TestTokens.token(paula.applicantId(), TestTokens.PARTICIPANT);
        given().auth().oauth2(paulasToken).get("/api/v1/notifications/me/export").then().statusCode(200)
                .body("subject", equalTo(paula.applicantId()))
                .body("recipient.email", equalTo(paula.email()))
                .body("recipient.directoryPersonId", equalTo(paula.personId().toString()))
                .body("recipient.applicationLanguages", equalTo(List.of("en")))
                .body("applications.applicationId", equalTo(List.of(paula.applicationId().toString())))
                .body("applications[0].status", equalTo("SUBMITTED"))
                .body("preferences.kinds.find { it.kind == 'SURVEY_DUE' }.enabled", equalTo(false))
                .body("mails.kind", hasItem("AGREEMENT_ACTIVE"))
                .body("mails.find { it.kind == 'AGREEMENT_ACTIVE' }.status", equalTo("SENT"))
                .body("scheduled.kind", hasItem("AGREEMENT_ENDING_SOON"));
        given().get("/api/v1/notifications/me/export").then().statusCode(401);

        MailFixtures.erased(paula);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("select count(*) from mail_recipient where applicant_id = ?", paula.applicantId())).isZero();
            assertThat(count("select count(*) from mail_person where person_id = ? or email = ?", paula.personId(), paula.email())).isZero();
            assertThat(count("select count(*) from mail_message where applicant_id = ? or partner_id = ? or params::text like ?",
                    paula.applicantId(), paula.applicantId(), "%" + paula.applicantId() + "%")).isZero();
            assertThat(count("select count(*) from mail_schedule where applicant_id = ? or partner_id = ? or params::text like ?",
                    paula.applicantId(), paula.applicantId(), "%" + paula.applicantId() + "%")).isZero();
            assertThat(count("select count(*) from mail_preference where applicant_id = ?", paula.applicantId())).isZero();
            assertThat(count("select count(*) from mail_application where applicant_id = ?", paula.applicantId())).isZero();
        });
        given().auth().oauth2(paulasToken).get("/api/v1/notifications/me/export").then().statusCode(200)
                .body("recipient", nullValue()).body("applications", hasSize(0)).body("mails", hasSize(0)).body("scheduled", hasSize(0))
                .body("preferences.kinds.find { it.kind == 'SURVEY_DUE' }.enabled", equalTo(true));
        // quinn keeps their own mails and schedule, without a reference to paula
        assertThat(count("select count(*) from mail_message where applicant_id = ?", quinn.applicantId())).isPositive();
        assertThat(count("select count(*) from mail_schedule where applicant_id = ?", quinn.applicantId())).isPositive();
    }

    @Test
    void noMailWithoutADirectoryAddressOrForAnInactivePerson() {
        Person rita = person("Rita", List.of("en"), List.of("en"), false);
        Person sam = en("Sam");
        MailFixtures.directory(sam, List.of("en"), false);
        // an address withdrawn by the directory is forgotten
        Person tom = en("Tom");
        MailFixtures.contact(tom, null);
        await().atMost(WAIT).until(() -> count("select count(*) from mail_person where person_id = ? and email is null", tom.personId()) == 1);
        MailFixtures.sendApplication(EventTypes.APPLICATION_ACCEPTED, tom, List.of("en"), "ACCEPTED", null);
        await().atMost(WAIT).until(() -> "no-address".equals(text(
                "select skip_reason from mail_message where applicant_id = ? and status = 'SKIPPED'", tom.applicantId())));
        assertThat(mails(tom.email())).isEmpty();
        await().atMost(WAIT).until(() -> count("select count(*) from mail_person where person_id = ? and not active", sam.personId()) == 1);

        MailFixtures.sendApplication(EventTypes.APPLICATION_ACCEPTED, rita, List.of("en"), "ACCEPTED", null);
        MailFixtures.sendApplication(EventTypes.APPLICATION_ACCEPTED, sam, List.of("en"), "ACCEPTED", null);
        await().atMost(WAIT).until(() -> "no-address".equals(text(
                "select skip_reason from mail_message where applicant_id = ? and status = 'SKIPPED'", rita.applicantId())));
        await().atMost(WAIT).until(() -> "inactive".equals(text(
                "select skip_reason from mail_message where applicant_id = ? and status = 'SKIPPED'", sam.applicantId())));
        assertThat(mails(rita.email())).isEmpty();
        assertThat(mails(sam.email())).isEmpty();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mentoring_mails_skipped_total{kind=\"APPLICATION_ACCEPTED\",reason=\"no-address\"}"))
                .body(containsString("mentoring_mails_skipped_total{kind=\"APPLICATION_ACCEPTED\",reason=\"inactive\"}"));
    }

    // --- a programme's life: cancellation, completion, people leaving ------------------------------------------------

    @Test
    void aCancelledProgrammeMailsEachPersonOnceInTheirLanguageAndNotAlsoThatTheirAgreementEnded() {
        Person mentee = en("Wanda");
        Person mentor = de("Xaver");
        UUID agreementId = UUID.randomUUID();
        LocalDate start = LocalDate.now(ZoneOffset.UTC);
        // activated a minute "later" so that the first survey stays out of the way
        MailFixtures.agreement(EventTypes.AGREEMENT_ACTIVATED, agreementId, mentee, mentor, start, start.plusDays(200), Instant.now().plusSeconds(60));
        awaitMail(mentee, "is in force");
        awaitMail(mentor, "ist in Kraft");

        // the cancellation: the agreement is terminated by the system, both applications are withdrawn (the mentee's twice,
        // as a republished snapshot would be: still one mail)
        MailFixtures.agreementEnded(EventTypes.AGREEMENT_TERMINATED, agreementId, mentee, mentor, "SYSTEM", "PROGRAMME_CANCELLED");
        MailFixtures.sendApplication(EventTypes.APPLICATION_WITHDRAWN, mentee, "MENTEE", List.of("en"), "WITHDRAWN", "PROGRAMME_CANCELLED");
        MailFixtures.sendApplication(EventTypes.APPLICATION_WITHDRAWN, mentor, "MENTOR", List.of("de"), "WITHDRAWN", "PROGRAMME_CANCELLED");
        MailFixtures.sendApplication(EventTypes.APPLICATION_WITHDRAWN, mentee, "MENTEE", List.of("en"), "WITHDRAWN", "PROGRAMME_CANCELLED");

        Received cancelled = awaitMail(mentee, "was cancelled");
        assertThat(cancelled.subject()).isEqualTo("The reverse mentoring programme was cancelled");
        assertThat(cancelled.text()).startsWith("Hello " + mentee.name() + ",").contains("Your application ends with it")
                .contains("mentoring agreement").contains(FRONTEND + "/applications/" + mentee.applicationId())
                .doesNotContain("PROGRAMME_CANCELLED");
        Received abgesagt = awaitMail(mentor, "abgesagt");
        assertThat(abgesagt.subject()).isEqualTo("Das Reverse-Mentoring-Programm wurde abgesagt");
        assertThat(abgesagt.text()).startsWith("Guten Tag " + mentor.name() + ",").contains("Mentoring-Vereinbarung")
                .contains(FRONTEND + "/applications/" + mentor.applicationId());

        // the termination was applied (its schedules are gone) without queuing an agreement-ended mail
        await().atMost(WAIT).until(() -> count("select count(*) from mail_schedule where schedule_key like ?", "agreement:" + agreementId + "%") == 0);
        assertThat(count("select count(*) from mail_message where applicant_id in (?, ?) and kind = 'AGREEMENT_ENDED'",
                mentee.applicantId(), mentor.applicantId())).isZero();
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(6))
                .until(() -> mails(mentee.email()).size() == 2 && mails(mentor.email()).size() == 2);
        assertThat(mails(mentee.email())).extracting(Received::subject)
                .containsExactly("Your mentoring agreement with " + mentor.name() + " is in force", "The reverse mentoring programme was cancelled");
        assertThat(mails(mentor.email())).filteredOn(m -> m.subject().contains("abgesagt")).hasSize(1);
    }

    @Test
    void aCompletedProgrammeThanksEveryMatchedPersonInTheirLanguageAndTheUnmatchedOrLeaversGetNoMail() {
        Person mentee = en("Yara");
        Person mentor = de("Zeno");
        Person unmatched = en("Abe");
        Person leaver = en("Bo");
        MailFixtures.sendApplication(EventTypes.APPLICATION_COMPLETED, mentee, "MENTEE", List.of("en"), "COMPLETED", null);
        MailFixtures.sendApplication(EventTypes.APPLICATION_COMPLETED, mentor, "MENTOR", List.of("de"), "COMPLETED", null);
        MailFixtures.sendApplication(EventTypes.APPLICATION_WITHDRAWN, unmatched, "MENTEE", List.of("en"), "WITHDRAWN", "PROGRAMME_COMPLETED");
        MailFixtures.sendApplication(EventTypes.APPLICATION_WITHDRAWN, leaver, "MENTEE", List.of("en"), "WITHDRAWN", "LEFT_ORGANISATION");

        Received thanks = awaitMail(mentee, "Thank you");
        assertThat(thanks.subject()).isEqualTo("Thank you for taking part in reverse mentoring");
        assertThat(thanks.text()).startsWith("Hello " + mentee.name() + ",").contains("has come to its end")
                .contains("as a mentee").contains(FRONTEND + "/applications/" + mentee.applicationId());
        Received danke = awaitMail(mentor, "Vielen Dank");
        assertThat(danke.subject()).isEqualTo("Vielen Dank für Ihre Teilnahme am Reverse Mentoring");
        assertThat(danke.text()).contains("als Mentor bzw. Mentorin").contains(FRONTEND + "/applications/" + mentor.applicationId());

        // a later event on the same applications: once its mail is there, the withdrawals were applied (and mailed no one)
        MailFixtures.interview(unmatched, Instant.parse("2030-03-14T09:30:00Z"));
        MailFixtures.interview(leaver, Instant.parse("2030-03-14T09:30:00Z"));
        awaitMail(unmatched, "Interview");
        awaitMail(leaver, "Interview");
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(6))
                .until(() -> mails(unmatched.email()).size() == 1 && mails(leaver.email()).size() == 1 && mails(mentee.email()).size() == 1);
        assertThat(count("select count(*) from mail_message where applicant_id in (?, ?) and kind <> 'INTERVIEW_REQUESTED'",
                unmatched.applicantId(), leaver.applicantId())).isZero();
    }

    @Test
    void aWithdrawnProposalIsToldToThePersonWhoStaysNotToTheOneWhoLeft() {
        // pair A: the English mentee stays, the mentor withdrew their application (address and directory entry unchanged)
        Person stays = en("Cleo");
        Person withdrew = de("Dirk");
        UUID matchA = UUID.randomUUID();
        // pair B: the German mentor stays, the mentee left the organisation (deactivated, address withdrawn)
        Person staysToo = de("Edda");
        Person left = en("Finn");
        UUID matchB = UUID.randomUUID();
        // pair C: a proposal withdrawn before it was approved: the pair never heard of it
        UUID matchC = UUID.randomUUID();

        MailFixtures.match(EventTypes.MATCH_PROPOSED, matchA, stays, withdrew);
        MailFixtures.match(EventTypes.MATCH_PROPOSED, matchB, left, staysToo);
        awaitMail(stays, "A mentoring partner is proposed");
        awaitMail(withdrew, "Vorschlag für Ihr Tandem");
        awaitMail(staysToo, "Vorschlag für Ihr Tandem");
        awaitMail(left, "A mentoring partner is proposed");

        MailFixtures.sendApplication(EventTypes.APPLICATION_WITHDRAWN, withdrew, "MENTOR", List.of("de"), "WITHDRAWN", null);
        MailFixtures.directory(left, List.of("en"), false);
        MailFixtures.contact(left, null);
        MailFixtures.sendApplication(EventTypes.APPLICATION_WITHDRAWN, left, "MENTEE", List.of("en"), "WITHDRAWN", "LEFT_ORGANISATION");
        // matching withdraws the proposals once it applied the withdrawals: so does this test
        await().atMost(WAIT).until(() -> count("select count(*) from mail_application where application_id in (?, ?) and status = 'WITHDRAWN'",
                withdrew.applicationId(), left.applicationId()) == 2);
        MailFixtures.match(EventTypes.MATCH_WITHDRAWN, matchA.toString(), matchC, stays, staysToo, "WITHDRAWN", "mentee left the pool");
        MailFixtures.match(EventTypes.MATCH_WITHDRAWN, matchA.toString(), matchA, stays, withdrew, "WITHDRAWN", "mentor left the pool");
        MailFixtures.match(EventTypes.MATCH_WITHDRAWN, matchB.toString(), matchB, left, staysToo, "WITHDRAWN", "mentee left the pool");

        Received gone = awaitMail(stays, "no longer available");
        assertThat(gone.subject()).isEqualTo("The proposed pairing with " + withdrew.name() + " is no longer available");
        assertThat(gone.text()).startsWith("Hello " + stays.name() + ",").contains("We proposed " + withdrew.name() + " as your mentor")
                .contains("You stay in the matching pool").contains(FRONTEND + "/applications/" + stays.applicationId());
        Received hinfaellig = awaitMail(staysToo, "hinfällig");
        assertThat(hinfaellig.subject()).isEqualTo("Der Vorschlag für Ihr Tandem mit " + left.name() + " ist hinfällig");
        assertThat(hinfaellig.text()).contains("als Mentee vorgeschlagen").contains("Sie bleiben im Matching")
                .contains(FRONTEND + "/applications/" + staysToo.applicationId());

        // those who left hear nothing: both mails were skipped, each with its reason
        await().atMost(WAIT).until(() -> "left".equals(text(
                "select skip_reason from mail_message where applicant_id = ? and kind = 'PROPOSAL_WITHDRAWN'", withdrew.applicantId())));
        await().atMost(WAIT).until(() -> count("select count(*) from mail_message where applicant_id = ? and kind = 'PROPOSAL_WITHDRAWN'"
                + " and status = 'SKIPPED'", left.applicantId()) == 1);
        assertThat(mails(withdrew.email())).hasSize(1);
        assertThat(mails(left.email())).hasSize(1);
        // the proposal never announced was withdrawn without a mail (its event came first on the same partition)
        assertThat(count("select count(*) from mail_message where kind = 'PROPOSAL_WITHDRAWN' and params->>'matchId' = ?",
                matchC.toString())).isZero();
        assertThat(mails(stays.email())).filteredOn(m -> m.subject().contains("no longer available")).hasSize(1);
        assertThat(mails(staysToo.email())).filteredOn(m -> m.subject().contains("hinfällig")).hasSize(1);
    }

    @Test
    void theAgreementEndedMailSaysInPlainWordsThatThePartnerLeftAndIsNotSentToTheLeaver() {
        // a mentor with two mentees leaves the organisation: both agreements are terminated by the system
        Person mentee = en("Gwen");
        Person mentorsOther = de("Holger");
        Person leaver = en("Ivo");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        MailFixtures.directory(leaver, List.of("en"), false);
        MailFixtures.contact(leaver, null);
        MailFixtures.sendApplication(EventTypes.APPLICATION_WITHDRAWN, leaver, "MENTOR", List.of("en"), "WITHDRAWN", "LEFT_ORGANISATION");
        await().atMost(WAIT).until(() -> count("select count(*) from mail_person where person_id = ? and email is null and not active",
                leaver.personId()) == 1);
        MailFixtures.agreementEnded(EventTypes.AGREEMENT_TERMINATED, first, mentee, leaver, "SYSTEM", "LEFT_ORGANISATION");
        MailFixtures.agreementEnded(EventTypes.AGREEMENT_TERMINATED, second, mentorsOther, leaver, "SYSTEM", "LEFT_ORGANISATION");

        Received ended = awaitMail(mentee, "has ended");
        assertThat(ended.subject()).isEqualTo("Your mentoring with " + leaver.name() + " has ended: the closing conversation");
        assertThat(ended.text()).contains("has ended because your partner has left the organisation")
                .contains(FRONTEND + "/agreements/" + first + "/closing").doesNotContain("LEFT_ORGANISATION").doesNotContain("ended early");
        Received beendet = awaitMail(mentorsOther, "ist beendet");
        assertThat(beendet.text()).contains("ist beendet, weil " + leaver.name() + " die Organisation verlassen hat")
                .contains(FRONTEND + "/agreements/" + second + "/closing").doesNotContain("LEFT_ORGANISATION");

        await().atMost(WAIT).until(() -> count("select count(*) from mail_message where applicant_id = ? and kind = 'AGREEMENT_ENDED'"
                + " and status = 'SKIPPED'", leaver.applicantId()) == 2);
        assertThat(mails(leaver.email())).isEmpty();
        assertThat(mails(mentee.email())).hasSize(1);
    }
}
