package org.mentoring.agreements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mentoring.agreements.agreement.service.CompletionJob;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Erasure pseudonymises a person; the scheduled job completes agreements whose end date passed; events follow the contract. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ErasureAndScheduleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/api/v1/agreements";

    @Inject
    CompletionJob completionJob;

    @Test
    void anErasedPersonIsPseudonymisedOnce() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON).body(Map.of("text", "my suggestion"))
                .post(BASE + "/{id}/comments", id).then().statusCode(201);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(Map.of("text", "thanks"))
                .post(BASE + "/{id}/comments", id).then().statusCode(201);
        AgreementFixtures.activate(pair, id, 1);

        String erased = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.applicant.erased.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicantId":"%s","applicationIds":[],"erasedAt":"%s"}}
                """.formatted(UUID.randomUUID(), pair.mentor(), Instant.now(), pair.mentor(), Instant.now());
        // another type on the same topic is ignored
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, "x", erased.replace("mentoring.applicant.erased.v1", "mentoring.application.updated.v1")
                .replaceFirst("\"id\":\"[0-9a-f-]+\"", "\"id\":\"" + UUID.randomUUID() + "\""));
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, pair.mentor(), erased);
        String admin = TestTokens.admin("admin");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                !pair.mentor().equals(given().auth().oauth2(admin).get(BASE + "/{id}", id).then().extract().path("mentor.applicantId")));
        String pseudonym = given().auth().oauth2(admin).get(BASE + "/{id}", id).then().statusCode(200)
                .body("mentor.applicantId", startsWith("erased-"))
                .body("mentor.displayName", nullValue())
                .body("mentee.applicantId", equalTo(pair.mentee()))
                .body("mentee.displayName", equalTo("Prof. Senior"))
                .body("comments.text", equalTo(List.of("thanks")))
                .extract().path("mentor.applicantId");
        given().auth().oauth2(admin).get(BASE + "/{id}/versions/1", id).then()
                .body("signatures.signer", equalTo(List.of(pair.mentee(), pseudonym)));
        given().auth().oauth2(pair.mentorToken()).get(BASE + "/{id}", id).then().statusCode(404);

        // redelivered: nothing changes
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, pair.mentor(), erased);
        // a later record of the same key (the erasure of someone without agreements): once the consumer has recorded
        // it, the redelivery before it has been handled too, as one key's records are applied in order
        UUID marker = UUID.randomUUID();
        String nobody = UUID.randomUUID().toString();
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, pair.mentor(), """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.applicant.erased.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicantId":"%s","applicationIds":[],"erasedAt":"%s"}}
                """.formatted(marker, nobody, Instant.now(), nobody, Instant.now()));
        AgreementFixtures.awaitProcessed(marker);
        given().auth().oauth2(admin).get(BASE + "/{id}", id).then().body("mentor.applicantId", equalTo(pseudonym));
        String doc = given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}/document", id).then().statusCode(200).extract().asString();
        assertThat(doc).doesNotContain("Junior Dev", pair.mentor());
    }

    @Test
    void theScheduledJobCompletesAgreementsWhoseEndDatePassed() throws Throwable {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        AgreementFixtures.activate(pair, id, 1);
        LocalDate end = LocalDate.parse(given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then()
                .extract().path("inForce.endDate"));

        VertxContextSupport.subscribeAndAwait(() -> completionJob.complete(end));
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then().body("status", equalTo("ACTIVE"));
        int completed = VertxContextSupport.subscribeAndAwait(() -> completionJob.complete(end.plusDays(1)));
        assertThat(completed).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then()
                .body("status", equalTo("COMPLETED")).body("ending.endedBy", equalTo("SCHEDULE"));
        given().auth().oauth2(TestTokens.admin("admin")).queryParam("programmeId", pair.programmeId()).queryParam("status", "COMPLETED")
                .get(BASE).then().body("items", hasSize(1));
    }

    @Test
    void replicasRunningTheJobAtOnceCompleteEachAgreementOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        LocalDate lastEnd = LocalDate.MIN;
        for (int i = 0; i < 3; i++) {
            AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
            String id = AgreementFixtures.awaitDraft(pair);
            AgreementFixtures.activate(pair, id, 1);
            LocalDate end = LocalDate.parse(given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then()
                    .extract().path("inForce.endDate"));
            lastEnd = end.isAfter(lastEnd) ? end : lastEnd;
            ids.add(id);
        }
        LocalDate today = lastEnd.plusDays(1);

        // four replicas' ticks at the same moment: none fails, and together they complete every agreement once
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int completed = 0;
        try {
            List<Callable<Integer>> ticks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ticks.add(() -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> completionJob.complete(today));
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                });
            }
            for (Future<Integer> tick : pool.invokeAll(ticks)) {
                completed += tick.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(completed).isGreaterThanOrEqualTo(ids.size());

        String admin = TestTokens.admin("admin");
        for (String id : ids) {
            given().auth().oauth2(admin).get(BASE + "/{id}", id).then().body("status", equalTo("COMPLETED"));
        }
        KafkaRecords.await(Topics.AGREEMENTS, r -> ids.get(ids.size() - 1).equals(r.key())
                && r.value().contains(EventTypes.AGREEMENT_COMPLETED), Duration.ofSeconds(30));
        Map<String, Set<String>> completions = new HashMap<>();
        for (ConsumerRecord<String, String> r : KafkaRecords.collect(Topics.AGREEMENTS, r -> ids.contains(r.key())
                && r.value().contains(EventTypes.AGREEMENT_COMPLETED), Duration.ofSeconds(3))) {
            completions.computeIfAbsent(r.key(), k -> new HashSet<>()).add(JSON.readTree(r.value()).get("id").asText());
        }
        for (String id : ids) {
            assertThat(completions.get(id)).as("completion events of %s", id).hasSize(1);
        }
    }

    /** Every event this service published follows the fields of the AgreementV1 contract's JSON Schema. */
    @Test
    void publishedEventsFollowTheContract() throws Exception {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("IN_PERSON");
        String id = AgreementFixtures.awaitDraft(pair);
        AgreementFixtures.activate(pair, id, 1);
        KafkaRecords.await(Topics.AGREEMENTS, r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_ACTIVATED),
                Duration.ofSeconds(30));
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventTypes.schemaResource(EventTypes.AGREEMENT_ACTIVATED))) {
            schema = JSON.readTree(in);
        }
        List<ConsumerRecord<String, String>> records = KafkaRecords.collect(Topics.AGREEMENTS, r -> id.equals(r.key()), Duration.ofSeconds(3));
        Set<String> types = new HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode event = JSON.readTree(r.value());
            types.add(event.get("type").asText());
            assertThat(event.get("subject").asText()).isEqualTo(id);
            assertThat(event.get("dataschema").asText()).isEqualTo("urn:mentoring:schema:mentoring.agreement.v1");
            JsonNode data = event.get("data");
            conforms(data, schema);
            conforms(data.get("mentee"), schema.at("/$defs/party"));
            conforms(data.get("mentor"), schema.at("/$defs/party"));
            List<String> statuses = JSON.convertValue(schema.at("/properties/status/enum"), List.class);
            assertThat(statuses).contains(data.get("status").asText());
        }
        assertThat(types).contains(EventTypes.AGREEMENT_DRAFTED, EventTypes.AGREEMENT_PROPOSED, EventTypes.AGREEMENT_SIGNED,
                EventTypes.AGREEMENT_ACTIVATED);
    }

    private static void conforms(JsonNode data, JsonNode schema) {
        Set<String> allowed = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(allowed::add);
        for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
            assertThat(allowed).contains(it.next());
        }
        schema.get("required").forEach(required -> assertThat(data.hasNonNull(required.asText()))
                .as("required field %s", required.asText()).isTrue());
    }
}
