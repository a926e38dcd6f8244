package org.mentoring.notifications.webhook;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.notifications.Fixtures;
import org.mentoring.notifications.MailServerResource;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.WebhookVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Deliveries through real Kafka, PostgreSQL and a local receiver: signatures, filters, retries, disabling, the log. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
@WithTestResource(MailServerResource.class)
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static Receiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = Receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static String path() {
        return "/hooks/" + UUID.randomUUID();
    }

    private static void publishAgreement(UUID eventId, String type, UUID programme, String mentee) {
        UUID agreement = UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.AGREEMENTS, agreement.toString(),
                Fixtures.event(eventId, type, agreement.toString(), Fixtures.agreementData(agreement, programme, mentee)));
    }

    private static List<Receiver.Request> awaitRequests(String path, int count) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> receiver.requests(path).size() >= count);
        return receiver.requests(path);
    }

    @Test
    void aSubscriptionReceivesSignedDeliveriesOfWhatItAskedForOnceEvenWhenKafkaRedeliversAndBothSecretsSignDuringARotation()
            throws Exception {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        String path = path();
        UUID programme = UUID.randomUUID();
        JsonPath sub = Fixtures.subscribe(hr, receiver.url(path), List.of("mentoring.agreement.*"), programme);
        String id = sub.getString("id");
        String secret = sub.getString("secret");

        UUID activated = UUID.randomUUID();
        publishAgreement(UUID.randomUUID(), EventTypes.AGREEMENT_ACTIVATED, UUID.randomUUID(), "someone"); // another programme
        publishAgreement(activated, EventTypes.AGREEMENT_ACTIVATED, programme, "mentee-1");
        KafkaRecords.sendCloudEvent(Topics.MATCHING, "m", Fixtures.event(UUID.randomUUID(), EventTypes.MATCH_CONFIRMED, "m",
                "{\"programmeId\":\"" + programme + "\"}")); // a type it did not ask for

        Receiver.Request first = awaitRequests(path, 1).get(0);
        assertThat(first.header("content-type")).startsWith("application/cloudevents+json");
        assertThat(first.body()).contains(activated.toString()).contains("\"type\":\"mentoring.agreement.activated.v1\"");
        assertThat(first.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(new WebhookVerifier(secret).verify(first.header("webhook-id"), first.header("webhook-timestamp"),
                first.header("webhook-signature"), first.body())).isTrue();
        assertThat(new WebhookVerifier(secret).verify(first.header("webhook-id"), first.header("webhook-timestamp"),
                first.header("webhook-signature"), first.body().replace("mentee-1", "mentee-2"))).isFalse();
        assertThat(Math.abs(Long.parseLong(first.header("webhook-timestamp")) - Instant.now().getEpochSecond())).isLessThan(60);

        // the same event again (a redelivery), then a newer one on the same key: only the newer one arrives
        String rotated = given().auth().oauth2(hr).post("/api/v1/webhooks/{id}/secret/rotate", id).then().statusCode(200)
                .extract().path("secret");
        UUID agreement = UUID.fromString(new io.restassured.path.json.JsonPath(first.body()).getString("subject"));
        KafkaRecords.sendCloudEvent(Topics.AGREEMENTS, agreement.toString(), first.body());
        UUID amended = UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.AGREEMENTS, agreement.toString(), Fixtures.event(amended, EventTypes.AGREEMENT_AMENDED,
                agreement.toString(), Fixtures.agreementData(agreement, programme, "mentee-1")));
        Receiver.Request second = awaitRequests(path, 2).get(1);
        assertThat(second.body()).contains(amended.toString());
        assertThat(second.header("webhook-id")).isNotEqualTo(first.header("webhook-id"));
        // during the rotation both secrets sign: one signature each
        assertThat(second.header("webhook-signature").split(" ")).hasSize(2);
        for (String s : List.of(secret, rotated)) {
            assertThat(new WebhookVerifier(s).verify(second.header("webhook-id"), second.header("webhook-timestamp"),
                    second.header("webhook-signature"), second.body())).as("signed with " + s).isTrue();
        }

        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].eventId", equalTo(amended.toString()))
                .body("items[1].eventId", equalTo(activated.toString()))
                .body("items[1].status", equalTo("DELIVERED")).body("items[1].attempts", hasSize(1))
                .body("items[1].attempts[0].status", equalTo("SUCCEEDED")).body("items[1].attempts[0].responseCode", equalTo(200));
        assertThat(receiver.requests(path)).hasSize(2);
    }

    @Test
    void theEventsOfAProgrammesLifeReachTheSubscriptionsAskingForThem() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        String path = path();
        UUID programme = UUID.randomUUID();
        List<String> types = List.of(EventTypes.APPLICATION_COMPLETED, EventTypes.MATCH_WITHDRAWN, EventTypes.MATCH_FLAGGED);
        Fixtures.subscribe(hr, receiver.url(path), types, programme);

        String data = "{\"programmeId\":\"" + programme + "\"}";
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, "a", Fixtures.event(UUID.randomUUID(), EventTypes.APPLICATION_COMPLETED, "a", data));
        KafkaRecords.sendCloudEvent(Topics.MATCHING, "m", Fixtures.event(UUID.randomUUID(), EventTypes.MATCH_WITHDRAWN, "m", data));
        KafkaRecords.sendCloudEvent(Topics.MATCHING, "m", Fixtures.event(UUID.randomUUID(), EventTypes.MATCH_FLAGGED, "m", data));
        KafkaRecords.sendCloudEvent(Topics.MATCHING, "m", Fixtures.event(UUID.randomUUID(), EventTypes.MATCH_DECLINED, "m", data));

        List<Receiver.Request> requests = awaitRequests(path, 3);
        assertThat(requests).extracting(r -> new JsonPath(r.body()).getString("type")).containsExactlyInAnyOrderElementsOf(types);
        // the declined proposal (not asked for) came after the others on its partition: it was not delivered
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests(path).size() == 3);
    }

    @Test
    void aFailingReceiverGetsRetriesWithGrowingDelaysUntilItAnswers() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        String path = path();
        String big = "x".repeat(3000);
        receiver.script(path, new Receiver.Answer(503, Map.of(), big), Receiver.Answer.of(503), Receiver.Answer.of(503), Receiver.Answer.of(200));
        String id = Fixtures.subscribe(hr, receiver.url(path), List.of("mentoring.meeting.*"), null).getString("id");
        UUID event = UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.SESSIONS, "k", Fixtures.event(event, EventTypes.MEETING_HELD, "k", "{\"meetingId\":\"k\"}"));

        List<Receiver.Request> requests = awaitRequests(path, 4);
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(requests.get(0).header("webhook-id"));
        long gap1 = requests.get(1).nanos() - requests.get(0).nanos();
        long gap2 = requests.get(2).nanos() - requests.get(1).nanos();
        long gap3 = requests.get(3).nanos() - requests.get(2).nanos();
        // schedule 100ms, 300ms, 900ms (+-10 %)
        assertThat(gap1).isGreaterThanOrEqualTo(Duration.ofMillis(85).toNanos());
        assertThat(gap2).isGreaterThan(gap1).isGreaterThanOrEqualTo(Duration.ofMillis(260).toNanos());
        assertThat(gap3).isGreaterThan(gap2).isGreaterThanOrEqualTo(Duration.ofMillis(800).toNanos());

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .statusCode(200).body("items[0].status", equalTo("DELIVERED")).body("items[0].attempts", hasSize(4))
                .body("items[0].attempts.responseCode", equalTo(List.of(503, 503, 503, 200)))
                .body("items[0].attempts.status", equalTo(List.of("FAILED", "FAILED", "FAILED", "SUCCEEDED"))));
        String firstBody = given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .extract().path("items[0].attempts[0].responseBody");
        assertThat(firstBody).hasSize(1024);
        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", id).then().body("enabled", equalTo(true));
    }

    @Test
    void retryAfterIsHonoured() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        String path = path();
        receiver.script(path, new Receiver.Answer(429, Map.of("Retry-After", "2"), ""), Receiver.Answer.of(200));
        Fixtures.subscribe(hr, receiver.url(path), List.of(EventTypes.PAIR_AT_RISK), null);
        KafkaRecords.sendCloudEvent(Topics.SESSIONS, "p", Fixtures.event(UUID.randomUUID(), EventTypes.PAIR_AT_RISK, "p", "{}"));
        List<Receiver.Request> requests = awaitRequests(path, 2);
        // the schedule says 100 ms; the receiver asked for 2 s
        assertThat(requests.get(1).nanos() - requests.get(0).nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(1950).toNanos());
    }

    @Test
    void goneDisablesTheSubscriptionAndSaysSoAndItCanBeReEnabledAndTheFailedDeliveriesSentAgain() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        String path = path();
        receiver.script(path, Receiver.Answer.of(410));
        String id = Fixtures.subscribe(hr, receiver.url(path), List.of("*"), null).getString("id");
        Instant before = Instant.now().minusSeconds(1);
        UUID event = UUID.randomUUID();
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, "a", Fixtures.event(event, EventTypes.PROGRAMME_OPENED, "a", "{}"));

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", id).then()
                .body("enabled", equalTo(false)).body("disabledReason", equalTo("GONE")));
        assertThat(receiver.requests(path)).hasSize(1);
        ConsumerRecord<String, String> disabled = KafkaRecords.await(Topics.NOTIFICATIONS, r -> r.key().equals(id), WAIT);
        assertThat(disabled.value()).contains(EventTypes.WEBHOOK_DISABLED).contains("\"reason\":\"GONE\"");
        given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .body("items[0].status", equalTo("FAILED")).body("items[0].attempts[0].responseCode", equalTo(410));

        receiver.script(path, Receiver.Answer.of(200));
        given().auth().oauth2(hr).contentType(ContentType.JSON).body(Map.of("enabled", true)).patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(200).body("enabled", equalTo(true));
        given().auth().oauth2(hr).queryParam("since", before.toString()).post("/api/v1/webhooks/{id}/redeliver", id).then()
                .statusCode(202).body("count", equalTo(1));
        List<Receiver.Request> requests = awaitRequests(path, 2);
        assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .body("items[0].status", equalTo("DELIVERED")).body("items[0].attempts", hasSize(2)));
    }

    @Test
    void aSubscriptionFailingForTooLongIsDisabled() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        String path = path();
        receiver.script(path, Receiver.Answer.of(500));
        String id = Fixtures.subscribe(hr, receiver.url(path), List.of(EventTypes.DIRECTORY_PERSON_UPSERTED), null).getString("id");
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, "d", Fixtures.event(UUID.randomUUID(), EventTypes.DIRECTORY_PERSON_UPSERTED, "d", "{}"));
        // disable-after is 5 s in tests; the schedule keeps trying meanwhile
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(hr).get("/api/v1/webhooks/{id}", id).then()
                .body("enabled", equalTo(false)).body("disabledReason", equalTo("FAILING")));
        assertThat(receiver.requests(path).size()).isGreaterThanOrEqualTo(4);
        assertThat(KafkaRecords.await(Topics.NOTIFICATIONS, r -> r.key().equals(id), WAIT).value()).contains("\"reason\":\"FAILING\"");
        int sent = receiver.requests(path).size();
        // disabled: nothing more goes out (the next attempt would be due within 2 s)
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> receiver.requests(path).size() == sent);
    }

    @Test
    void pingAndRedeliverSendAgainWithTheSameWebhookId() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        String path = path();
        String id = Fixtures.subscribe(hr, receiver.url(path), List.of(EventTypes.AGREEMENT_SIGNED), null).getString("id");
        String delivery = given().auth().oauth2(hr).post("/api/v1/webhooks/{id}/ping", id).then().statusCode(202)
                .body("eventType", equalTo("mentoring.webhook.ping.v1")).body("status", equalTo("PENDING")).extract().path("id");
        Receiver.Request ping = awaitRequests(path, 1).get(0);
        assertThat(ping.header("webhook-id")).isEqualTo(delivery);
        assertThat(ping.body()).contains("mentoring.webhook.ping.v1").contains(id);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .body("items[0].status", equalTo("DELIVERED")));

        given().auth().oauth2(hr).post("/api/v1/webhooks/{id}/deliveries/{d}/redeliver", id, delivery).then().statusCode(202)
                .body("status", equalTo("PENDING"));
        Receiver.Request again = awaitRequests(path, 2).get(1);
        assertThat(again.header("webhook-id")).isEqualTo(delivery);
        assertThat(again.body()).isEqualTo(ping.body());
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .body("items[0].status", equalTo("DELIVERED")).body("items[0].attempts", hasSize(2)));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mentoring_webhooks_attempts_total{outcome=\"delivered\"}"))
                .body(containsString("mentoring_webhooks_pending"));
    }

    @Test
    void anErasureDropsTheBodiesOfDeliveriesThatMentionThePerson() {
        String hr = Fixtures.hr("hr-" + UUID.randomUUID());
        String path = path();
        String id = Fixtures.subscribe(hr, receiver.url(path), List.of("mentoring.agreement.*", EventTypes.APPLICANT_ERASED), null)
                .getString("id");
        String person = "person-" + UUID.randomUUID();
        publishAgreement(UUID.randomUUID(), EventTypes.AGREEMENT_DRAFTED, UUID.randomUUID(), person);
        publishAgreement(UUID.randomUUID(), EventTypes.AGREEMENT_DRAFTED, UUID.randomUUID(), "someone-else");
        awaitRequests(path, 2);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .body("items.status", equalTo(List.of("DELIVERED", "DELIVERED"))));

        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, person, Fixtures.event(UUID.randomUUID(), EventTypes.APPLICANT_ERASED, person,
                "{\"applicantId\":\"%s\",\"applicationIds\":[],\"erasedAt\":\"%s\"}".formatted(person, Instant.now())));
        // the erasure itself is still delivered (the receiver must erase too), then its body goes as well
        Receiver.Request erasure = awaitRequests(path, 3).get(2);
        assertThat(erasure.body()).contains(EventTypes.APPLICANT_ERASED);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .body("items.eventType", equalTo(List.of(EventTypes.APPLICANT_ERASED, EventTypes.AGREEMENT_DRAFTED, EventTypes.AGREEMENT_DRAFTED)))
                .body("items.bodyErased", anyOf(equalTo(List.of(true, false, true)), equalTo(List.of(true, true, false)))));
        String log = given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then().extract().asString();
        String erasedDelivery = given().auth().oauth2(hr).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .extract().path("items[0].id");
        given().auth().oauth2(hr).post("/api/v1/webhooks/{id}/deliveries/{d}/redeliver", id, erasedDelivery).then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(log).doesNotContain(person);
    }
}
