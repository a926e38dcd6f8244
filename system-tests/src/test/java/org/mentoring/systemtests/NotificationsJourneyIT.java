package org.mentoring.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.testsupport.WebhookVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.mentoring.systemtests.Journeys.step;

/**
 * What a real programme sends out while a pair goes the whole way: an HR platform subscribed to our webhooks receives
 * every step as a signed CloudEvent that it verifies with the snippet the notifications README publishes, and the two
 * people get the e-mails of each step that waits for them, in their language (the mentee's directory entry says German,
 * the mentor's English), at the address the directory gives, in the order the steps happened, with the meeting's
 * calendar file. The mails are read from the stack's SMTP server; the webhook receiver runs in this test.
 */
class NotificationsJourneyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOAL = "Automate the weekly report";
    private static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;

    /** One webhook call as the receiver saw it. */
    record Received(String id, String timestamp, String signature, String body) {
    }

    @BeforeAll
    static void start() throws IOException {
        Journeys.useGateway();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** The two people as the directory knows them, and the token of the HR system that provisioned them. */
    private record Directory(String hr, String menteeUsername, String mentorUsername, String menteeMail, String mentorMail) {
    }

    /** The HR platform's webhook subscription and the verifier made from the secret shown once. */
    private record Subscription(String id, WebhookVerifier verifier) {
    }

    /** The programme the two people applied to, and their signed-in tokens. */
    private record Programme(Journeys.People people, String id, String menteeApplication) {
    }

    @Test
    void aProgrammeSendsTheSignedWebhooksAndTheMailsEachStepCallsFor() {
        Directory directory = step("the HR system provisions both people with their addresses",
                () -> theHrSystemProvisionsBothPeopleWithTheirAddresses());
        Subscription subscription = step("the HR platform subscribes to the journey's events",
                () -> theHrPlatformSubscribesToTheJourneysEvents(directory));
        Mailbox menteeBox = new Mailbox(directory.menteeMail());
        Mailbox mentorBox = new Mailbox(directory.mentorMail());
        try {
            Programme programme = step("the applications are accepted and each person is told",
                    () -> theApplicationsAreAcceptedAndEachPersonIsTold(directory, menteeBox, mentorBox));
            step("matching proposes the pair and both confirm it", () -> matchingProposesThePairAndBothConfirmIt(programme, menteeBox, mentorBox));
            String agreementId = step("the agreement is proposed for signature, then in force",
                    () -> theAgreementIsProposedForSignatureThenInForce(programme, menteeBox, mentorBox));
            step("a meeting is scheduled, moved and cancelled, each with its calendar entry",
                    () -> aMeetingIsScheduledMovedAndCancelledEachWithItsCalendarEntry(programme, agreementId, menteeBox, mentorBox));
            step("nothing more is mailed, nothing twice, and never the goals", () -> nothingMoreIsMailedNothingTwiceAndNeverTheGoals(menteeBox, mentorBox));
            step("the mentee's export holds the address and the mails", () -> theMenteesExportHoldsTheAddressAndTheMails(programme, directory));
            step("every webhook verifies and the programme's events arrive once, in order",
                    () -> everyWebhookVerifiesAndTheProgrammesEventsArriveOnceInOrder(programme, directory, subscription));
        } finally {
            step("the HR platform unsubscribes", () -> given().auth().oauth2(directory.hr()).delete("/api/v1/webhooks/{id}", subscription.id())
                    .then().statusCode(204));
        }
    }

    /** The HR system provisions both people over SCIM, each with a work address: the mentee speaks German, the mentor English. */
    private static Directory theHrSystemProvisionsBothPeopleWithTheirAddresses() {
        String menteeUsername = Keycloak.createParticipant("mail-mentee", "Gerda", "Gruber");
        String mentorUsername = Keycloak.createParticipant("mail-mentor", "Jay", "Young");
        String hr = Keycloak.hrIntegrationToken();
        String menteeMail = menteeUsername + "@mail.example.org";
        String mentorMail = mentorUsername + "@mail.example.org";
        Journeys.provision(hr, menteeUsername, "Gerda Gruber", "Institute of Economics", "Berlin", 52.52, 13.40, List.of("de", "en"),
                menteeMail);
        Journeys.provision(hr, mentorUsername, "Jay Young", "Institute of Computing", "Potsdam", 52.39, 13.06, List.of("en"), mentorMail);
        return new Directory(hr, menteeUsername, mentorUsername, menteeMail, mentorMail);
    }

    /** The HR platform subscribes to the journey's events; the secret is shown once. */
    private static Subscription theHrPlatformSubscribesToTheJourneysEvents(Directory directory) {
        String hr = directory.hr();
        String target = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        var created = given().auth().oauth2(hr).contentType(ContentType.JSON)
                .body(Map.of("url", target, "description", "HR platform (journey test)",
                        "eventTypes", List.of("mentoring.application.*", "mentoring.match.*", "mentoring.agreement.*", "mentoring.meeting.*")))
                .post("/api/v1/webhooks").then().statusCode(201).extract();
        String subscriptionId = created.path("id");
        WebhookVerifier verifier = new WebhookVerifier(created.path("secret"));
        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", subscriptionId).then().statusCode(200)
                .body("secret", nullValue());
        return new Subscription(subscriptionId, verifier);
    }

    /** Applications, accepted: each person is told (each step's mail is awaited before the next step, as people would). */
    private static Programme theApplicationsAreAcceptedAndEachPersonIsTold(Directory directory, Mailbox menteeBox, Mailbox mentorBox) {
        Journeys.People people = Journeys.People.signIn(directory.menteeUsername(), directory.mentorUsername());
        String admin = people.admin();
        String programmeId = Journeys.openProgramme(admin, "Notifications journey");
        String menteeApplication = Journeys.apply(people.mentee(), programmeId, "MENTEE", "Institute of Economics");
        String mentorApplication = Journeys.apply(people.mentor(), programmeId, "MENTOR", "Institute of Computing");
        Journeys.accept(admin, menteeApplication);
        Journeys.accept(admin, mentorApplication);
        menteeBox.awaitNext("Ihre Bewerbung wurde angenommen");
        mentorBox.awaitNext("Your application was accepted");
        return new Programme(people, programmeId, menteeApplication);
    }

    /** Matching proposes the pair; once the admin approved it both are asked to answer, then told it is confirmed. */
    private static void matchingProposesThePairAndBothConfirmIt(Programme programme, Mailbox menteeBox, Mailbox mentorBox) {
        String admin = programme.people().admin();
        String programmeId = programme.id();
        Journeys.awaitPool(admin, programmeId, programme.menteeApplication(), 2);
        Journeys.transition(admin, programmeId, "CLOSED");
        Journeys.publishMatching(admin, programmeId);
        String proposalId = given().auth().oauth2(admin).queryParam("programmeId", programmeId).get("/api/v1/proposals").then()
                .statusCode(200).extract().path("items[0].id");
        String etag = given().auth().oauth2(admin).get("/api/v1/proposals/{id}", proposalId).then().extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("approve", true))
                .post("/api/v1/proposals/{id}/review", proposalId).then().statusCode(200);
        menteeBox.awaitNext("Vorschlag für Ihr Tandem: Jay Young");
        mentorBox.awaitNext("A mentoring partner is proposed for you: Gerda Gruber");
        given().auth().oauth2(programme.people().mentee()).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposalId).then().statusCode(200);
        given().auth().oauth2(programme.people().mentor()).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", proposalId).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        menteeBox.awaitNext("Ihr Tandem mit Jay Young steht");
        mentorBox.awaitNext("Your mentoring pair with Gerda Gruber is confirmed");
    }

    /** The agreement: proposed for signature, then in force. Returns its id. */
    private static String theAgreementIsProposedForSignatureThenInForce(Programme programme, Mailbox menteeBox, Mailbox mentorBox) {
        String mentee = programme.people().mentee();
        String mentor = programme.people().mentor();
        String agreementId = Journeys.awaitDraft(mentee, programme.id());
        Journeys.editDraft(mentee, agreementId, Journeys.draftWith(mentee, agreementId, List.of(GOAL), 0)).then().statusCode(200);
        Journeys.propose(mentee, agreementId, 1);
        menteeBox.awaitNext("Bitte unterschreiben Sie Ihre Mentoring-Vereinbarung mit Jay Young");
        assertThat(mentorBox.awaitNext("Please sign your mentoring agreement with Gerda Gruber").get("text").asText())
                .as("a link to the agreement in the frontend").contains("/agreements/" + agreementId);
        Journeys.sign(mentee, agreementId, 1, Journeys.etag(mentee, agreementId)).then().statusCode(201);
        Journeys.sign(mentor, agreementId, 1, Journeys.etag(mentor, agreementId)).then().statusCode(201).body("status", equalTo("ACTIVE"));
        menteeBox.awaitNext("Ihre Mentoring-Vereinbarung mit Jay Young ist in Kraft");
        mentorBox.awaitNext("Your mentoring agreement with Gerda Gruber is in force");
        return agreementId;
    }

    /**
     * A meeting in a few days, moved, then cancelled: each with its calendar entry. One calendar entry, updated in place: the
     * same UID, a growing SEQUENCE, a request twice and then a cancellation.
     */
    private static void aMeetingIsScheduledMovedAndCancelledEachWithItsCalendarEntry(Programme programme, String agreementId,
                                                                                     Mailbox menteeBox, Mailbox mentorBox) {
        String mentee = programme.people().mentee();
        String mentor = programme.people().mentor();
        Instant startsAt = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String meetingId = given().auth().oauth2(mentee).contentType(ContentType.JSON)
                .body(online(agreementId, startsAt)).post("/api/v1/meetings").then().statusCode(201).extract().path("id");
        List<String> invitations = new ArrayList<>();
        invitations.add(ics(mentorBox.awaitNext("Meeting with Gerda Gruber on ")));
        invitations.add(ics(menteeBox.awaitNext("Treffen mit Jay Young am ")));
        String etag = given().auth().oauth2(mentor).get("/api/v1/meetings/{id}", meetingId).then().extract().header("ETag");
        given().auth().oauth2(mentor).header("If-Match", etag).contentType(ContentType.JSON)
                .body(moved(online(agreementId, startsAt.plus(1, ChronoUnit.HOURS)))).post("/api/v1/meetings/{id}/reschedule", meetingId)
                .then().statusCode(200);
        invitations.add(ics(mentorBox.awaitNext("Meeting with Gerda Gruber moved to ")));
        invitations.add(ics(menteeBox.awaitNext("Treffen mit Jay Young verschoben auf ")));
        etag = given().auth().oauth2(mentee).get("/api/v1/meetings/{id}", meetingId).then().extract().header("ETag");
        given().auth().oauth2(mentee).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("reason", "Board meeting moved")).post("/api/v1/meetings/{id}/cancel", meetingId).then().statusCode(200);
        invitations.add(ics(mentorBox.awaitNext("Meeting with Gerda Gruber on ", " cancelled")));
        invitations.add(ics(menteeBox.awaitNext("Treffen mit Jay Young am ", " abgesagt")));
        assertThat(invitations).extracting(i -> line(i, "UID:")).containsOnly(line(invitations.get(0), "UID:"));
        assertThat(invitations).extracting(i -> line(i, "METHOD:"))
                .containsExactly("METHOD:REQUEST", "METHOD:REQUEST", "METHOD:REQUEST", "METHOD:REQUEST", "METHOD:CANCEL", "METHOD:CANCEL");
        assertThat(Integer.parseInt(line(invitations.get(2), "SEQUENCE:").substring(9)))
                .isGreaterThan(Integer.parseInt(line(invitations.get(0), "SEQUENCE:").substring(9)));
        assertThat(Integer.parseInt(line(invitations.get(4), "SEQUENCE:").substring(9)))
                .isGreaterThan(Integer.parseInt(line(invitations.get(2), "SEQUENCE:").substring(9)));
        assertThat(invitations.get(0)).contains("DTSTART:" + ICS_TIME.format(startsAt));
        assertThat(invitations.get(2)).contains("DTSTART:" + ICS_TIME.format(startsAt.plus(1, ChronoUnit.HOURS)));
    }

    /** Nothing more, nothing twice, and never the agreement's goals. */
    private static void nothingMoreIsMailedNothingTwiceAndNeverTheGoals(Mailbox menteeBox, Mailbox mentorBox) throws IOException {
        for (Mailbox box : List.of(menteeBox, mentorBox)) {
            assertThat(box.all()).as("mails to %s", box.address).hasSize(8);
            assertThat(box.all()).allSatisfy(m -> assertThat(m.toString()).doesNotContain(GOAL));
        }
    }

    /** The mentee's export holds what the e-mail service knows of them: the address and the mails, by kind. */
    private static void theMenteesExportHoldsTheAddressAndTheMails(Programme programme, Directory directory) {
        given().auth().oauth2(programme.people().mentee()).get("/api/v1/me/export").then().statusCode(200)
                .body("complete", equalTo(true))
                .body("notifications.recipient.email", equalTo(directory.menteeMail()))
                .body("notifications.mails.findAll { it.status == 'SENT' }.size()", equalTo(8))
                .body("notifications.mails.kind", hasItem("MEETING_CANCELLED"));
    }

    /** Webhooks: every call verifies; the programme's events arrive, each once, and read in the order they happened. */
    private static void everyWebhookVerifiesAndTheProgrammesEventsArriveOnceInOrder(Programme programme, Directory directory,
                                                                                    Subscription subscription) throws Exception {
        String programmeId = programme.id();
        List<String> expectedTypes = List.of(
                "mentoring.application.submitted.v1", "mentoring.application.accepted.v1",
                "mentoring.match.proposed.v1", "mentoring.match.confirmed.v1",
                "mentoring.agreement.drafted.v1", "mentoring.agreement.proposed.v1",
                "mentoring.agreement.signed.v1", "mentoring.agreement.activated.v1",
                "mentoring.meeting.scheduled.v1", "mentoring.meeting.rescheduled.v1", "mentoring.meeting.cancelled.v1");
        await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() ->
                assertThat(eventsOf(programmeId)).extracting(e -> e.get("type").asText()).containsAll(expectedTypes));
        for (Received r : RECEIVED) {
            assertThat(subscription.verifier().verify(r.id(), r.timestamp(), r.signature(), r.body()))
                    .as("signature of webhook %s", r.id()).isTrue();
        }
        List<JsonNode> events = eventsOf(programmeId);
        assertThat(events).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates();
        assertThat(events.stream()
                .sorted(Comparator.comparing((JsonNode e) -> Instant.parse(e.get("time").asText())))
                .map(e -> e.get("type").asText())
                .filter(expectedTypes::contains)
                .distinct()
                .toList()).containsExactlyElementsOf(expectedTypes);
        assertThat(RECEIVED).allSatisfy(r -> assertThat(r.body()).doesNotContain(directory.menteeMail()).doesNotContain(directory.mentorMail()));
        given().auth().oauth2(directory.hr()).get("/api/v1/webhooks/{id}/deliveries", subscription.id()).then().statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(expectedTypes.size()));
    }

    /** The CloudEvents received for the programme (whose data name it), in the order they arrived. */
    private static List<JsonNode> eventsOf(String programmeId) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (Received r : RECEIVED) {
            JsonNode event = JSON.readTree(r.body());
            if (programmeId.equals(event.at("/data/programmeId").asText())) {
                events.add(event);
            }
        }
        return events;
    }

    /**
     * One person's mails on the stack's SMTP server (its mails endpoint, oldest first). {@link #awaitNext} waits for the
     * next one and checks that it is the expected one: so the order of the mails is the order of the steps.
     */
    private static final class Mailbox {
        private final String address;
        private int seen;

        Mailbox(String address) {
            this.address = address;
        }

        List<JsonNode> all() throws IOException {
            List<JsonNode> mails = new ArrayList<>();
            JSON.readTree(given().queryParam("to", address).get(System.getProperty("stack.mails.url")).then().statusCode(200).extract()
                    .asString()).forEach(mails::add);
            return mails;
        }

        /** The next mail to this person, whose subject holds each of {@code parts}, in that order. */
        JsonNode awaitNext(String... parts) {
            JsonNode[] next = new JsonNode[1];
            await().atMost(Journeys.EVENTUAL).pollInterval(Journeys.POLL).untilAsserted(() -> {
                List<JsonNode> mails = all();
                assertThat(mails).as("mails to %s", address).hasSizeGreaterThan(seen);
                next[0] = mails.get(seen);
            });
            String subject = next[0].get("subject").asText();
            assertThat(subject).as("mail %d to %s", seen + 1, address).containsSubsequence(parts);
            seen++;
            return next[0];
        }
    }

    /** The text of the mail's calendar attachment. */
    private static String ics(JsonNode mail) {
        for (JsonNode attachment : mail.get("attachments")) {
            if (attachment.get("name").asText().endsWith(".ics")) {
                return attachment.get("text").asText();
            }
        }
        throw new AssertionError("no .ics attached to " + mail.get("subject").asText());
    }

    /** The first line of {@code ics} that starts with {@code name}. */
    private static String line(String ics, String name) {
        return ics.lines().filter(l -> l.startsWith(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + ics));
    }

    /** The plan of a meeting as rescheduling takes it: without the agreement, which does not change. */
    private static Map<String, Object> moved(Map<String, Object> plan) {
        Map<String, Object> moved = new HashMap<>(plan);
        moved.remove("agreementId");
        return moved;
    }

    private static Map<String, Object> online(String agreementId, Instant startsAt) {
        return Map.of("agreementId", agreementId, "startsAt", startsAt.toString(), "durationMinutes", 45, "format", "ONLINE",
                "videoLink", "https://meet.example.org/pair-" + agreementId, "agendaTopics", List.of(Journeys.TOPIC));
    }
}
