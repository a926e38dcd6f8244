package org.mentoring.agreements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.contracts.events.matching.MatchV1;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * What lets consumers order this service's events: each agreement event carries the revision the change gave the agreement,
 * and an erasure that overtakes a confirmed match (they travel on different topics) still keeps the person out.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class EventOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String BASE = "/api/v1/agreements";
    private final String admin = TestTokens.admin("admin");

    @Test
    void agreementEventsCarryTheRevisionOfEachChange() throws Exception {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        AgreementFixtures.activate(pair, id, 1);
        String etag = AgreementFixtures.etag(pair.menteeToken(), id);
        KafkaRecords.await(Topics.AGREEMENTS, r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_ACTIVATED),
                Duration.ofSeconds(30));

        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KafkaRecords.collect(Topics.AGREEMENTS, r -> id.equals(r.key()), Duration.ofSeconds(3))) {
            events.add(JSON.readTree(r.value()));
        }
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(EventTypes.AGREEMENT_DRAFTED,
                EventTypes.AGREEMENT_PROPOSED, EventTypes.AGREEMENT_SIGNED, EventTypes.AGREEMENT_SIGNED, EventTypes.AGREEMENT_ACTIVATED);
        List<Long> revisions = events.stream().map(e -> e.at("/data/revision").asLong()).toList();
        // each change a higher revision; the last signature and the activation are one change, so one snapshot
        assertThat(revisions).isSorted();
        assertThat(revisions.subList(0, 4)).doesNotHaveDuplicates();
        assertThat(revisions.get(4)).isEqualTo(revisions.get(3));
        assertThat("\"" + revisions.get(4) + "\"").isEqualTo(etag);
    }

    @Test
    void aMatchArrivingAfterTheErasureOfOneOfItsPeopleDraftsWithTheirPseudonym() {
        // the person is mentor in one agreement and, in another programme, mentee of a match not yet arrived
        AgreementFixtures.Pair first = AgreementFixtures.confirmedMatch("ONLINE");
        String firstId = AgreementFixtures.awaitDraft(first);
        UUID firstApplication = UUID.fromString(given().auth().oauth2(admin).get(BASE + "/{id}", firstId).then().statusCode(200)
                .extract().path("mentor.applicationId"));
        UUID laterApplication = UUID.randomUUID();

        send(Topics.APPLICANTS, first.mentor(), EventTypes.APPLICANT_ERASED,
                new ApplicantErasedV1(first.mentor(), List.of(firstApplication, laterApplication), Instant.now()));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> !first.mentor().equals(
                given().auth().oauth2(admin).get(BASE + "/{id}", firstId).then().extract().path("mentor.applicantId")));
        String pseudonym = given().auth().oauth2(admin).get(BASE + "/{id}", firstId).then()
                .body("mentor.applicantId", startsWith("erased-")).extract().path("mentor.applicantId");

        // the match was confirmed before the erasure, and arrives only now
        UUID match = UUID.randomUUID();
        UUID programme = UUID.randomUUID();
        AgreementFixtures.team(programme);
        String mentor = "mentor-" + UUID.randomUUID();
        send(Topics.MATCHING, match.toString(), EventTypes.MATCH_CONFIRMED, new MatchV1(match, programme, null, "CONFIRMED",
                new MatchV1.Party(laterApplication, first.mentor(), "Erased Person", "Physics"),
                new MatchV1.Party(UUID.randomUUID(), mentor, "Junior Dev", "Data Science"),
                List.of("ai-tools"), "ONLINE", new MatchV1.AgreementDefaults(6, 14), 0.8, null, Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> given().auth().oauth2(admin)
                .queryParam("programmeId", programme).get(BASE).then().statusCode(200).extract().<List<Object>>path("items").size() == 1);
        String id = given().auth().oauth2(admin).queryParam("programmeId", programme).get(BASE).then()
                .body("items[0].mentee.applicantId", equalTo(pseudonym))
                .body("items[0].mentee.displayName", nullValue())
                .body("items[0].mentor.applicantId", equalTo(mentor))
                .body("items[0].mentor.displayName", equalTo("Junior Dev"))
                .extract().path("items[0].id");
        given().auth().oauth2(first.mentorToken()).get(BASE).then().statusCode(200).body("items.size()", equalTo(0));

        ConsumerRecord<String, String> drafted = KafkaRecords.await(Topics.AGREEMENTS,
                r -> id.equals(r.key()) && r.value().contains(EventTypes.AGREEMENT_DRAFTED), Duration.ofSeconds(30));
        assertThat(drafted.value()).contains(pseudonym).doesNotContain(first.mentor(), "Erased Person");
    }

    private static void send(String topic, String key, String type, Object data) {
        CloudEvent event = CloudEvent.of(type, "/mentoring/test", key, JSON.valueToTree(data));
        try {
            KafkaRecords.sendCloudEvent(topic, key, JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
