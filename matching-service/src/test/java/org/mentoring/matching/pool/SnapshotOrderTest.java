package org.mentoring.matching.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.LocationV1;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The pool and the programme projection apply a snapshot only when it is not older than the one they hold: by revision
 * when both have one (whatever the clocks say), else by changedAt. Late events are sent on the same key as the newer ones,
 * so they land on the same partition after them; a marker application sent last on that key tells when they were consumed.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class SnapshotOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final String admin = TestTokens.admin("admin");

    @Test
    void anAcceptedArrivingAfterWithdrawnDoesNotPutThePersonBack() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.team(programme);
        UUID application = UUID.randomUUID();
        Instant t = Instant.now();
        send(EventTypes.APPLICATION_ACCEPTED, application(application, programme, "ACCEPTED", "Physics", t, 2L));
        MatchingFixtures.awaitPool(admin, programme, 1);
        send(EventTypes.APPLICATION_WITHDRAWN, application(application, programme, "WITHDRAWN", "Physics", t.plusSeconds(1), 3L));
        MatchingFixtures.awaitPool(admin, programme, 0);

        // the accepted again (a redelivery with a new id) and one from a source whose clock runs ahead: both older by revision
        send(EventTypes.APPLICATION_ACCEPTED, application(application, programme, "ACCEPTED", "Physics", t, 2L));
        send(EventTypes.APPLICATION_ACCEPTED, application(application, programme, "ACCEPTED", "Physics", t.plusSeconds(3600), 1L));
        UUID marker = marker(application, programme);
        MatchingFixtures.awaitPool(admin, programme, 1);
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(200)
                .body("items[0].applicationId", equalTo(marker.toString()));
        assertThat(staleCount("pool")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theNewestSnapshotHoldsAndNewerOnesStillApply() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.team(programme);
        UUID application = UUID.randomUUID();
        Instant t = Instant.now();
        send(EventTypes.APPLICATION_ACCEPTED, application(application, programme, "ACCEPTED", "Institute of 5", t, 5L));
        MatchingFixtures.awaitPool(admin, programme, 1);
        send(EventTypes.APPLICATION_UPDATED, application(application, programme, "ACCEPTED", "Institute of 4", t.plusSeconds(60), 4L));
        marker(application, programme);
        MatchingFixtures.awaitPool(admin, programme, 2);
        assertInstitute(programme, application, "Institute of 5");

        // the same revision again is the same fact; a newer one replaces it
        send(EventTypes.APPLICATION_UPDATED, application(application, programme, "ACCEPTED", "Institute of 5", t, 5L));
        send(EventTypes.APPLICATION_UPDATED, application(application, programme, "MATCHED", "Institute of 6", t.minusSeconds(60), 6L));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40)).untilAsserted(() ->
                assertInstitute(programme, application, "Institute of 6"));
        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme).then()
                .body("items.find { it.applicationId == '" + application + "' }.applicationStatus", equalTo("MATCHED"));
    }

    @Test
    void eventsWithoutRevisionAreOrderedByChangedAt() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.team(programme);
        UUID application = UUID.randomUUID();
        Instant t = Instant.now();
        // as published before revisions existed
        send(EventTypes.APPLICATION_ACCEPTED, withoutRevision(application(application, programme, "ACCEPTED", "Later", t, null)));
        MatchingFixtures.awaitPool(admin, programme, 1);
        send(EventTypes.APPLICATION_UPDATED, withoutRevision(application(application, programme, "ACCEPTED", "Earlier", t.minusSeconds(5), null)));
        marker(application, programme);
        MatchingFixtures.awaitPool(admin, programme, 2);
        assertInstitute(programme, application, "Later");

        // the first event with a revision, about a later change, replaces the row that has none
        send(EventTypes.APPLICATION_UPDATED, application(application, programme, "ACCEPTED", "With revision", t.plusSeconds(1), 3L));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40)).untilAsserted(() ->
                assertInstitute(programme, application, "With revision"));
    }

    @Test
    void aLateOpenedDoesNotReopenAClosedProgramme() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.team(programme);
        Instant t = Instant.now();
        send(EventTypes.PROGRAMME_OPENED, programme(programme, "OPEN", t, 1L));
        send(EventTypes.PROGRAMME_CLOSED, programme(programme, "CLOSED", t.plusSeconds(1), 2L));
        // a redelivered opened, and one stamped by a clock running ahead
        send(EventTypes.PROGRAMME_OPENED, programme(programme, "OPEN", t, 1L));
        send(EventTypes.PROGRAMME_OPENED, programme(programme, "OPEN", t.plusSeconds(3600), 1L));
        marker(programme, programme);
        MatchingFixtures.awaitPool(admin, programme, 1);
        // CLOSED holds: the run is refused for its one-role pool, not for the programme's status
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then()
                .statusCode(409).contentType("application/problem+json").body("title", equalTo("Empty pool"));
        assertThat(staleCount("programmes")).isGreaterThanOrEqualTo(2);
    }

    private static void assertInstitute(UUID programme, UUID application, String institute) {
        given().auth().oauth2(TestTokens.admin("admin")).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(200)
                .body("items.find { it.applicationId == '" + application + "' }.institute", equalTo(institute));
    }

    /** An accepted mentee sent on {@code key}'s partition after everything sent on it before. */
    private static UUID marker(UUID key, UUID programme) {
        UUID marker = UUID.randomUUID();
        send(key, EventTypes.APPLICATION_ACCEPTED, application(marker, programme, "ACCEPTED", "Marker", Instant.now(), 0L));
        return marker;
    }

    private static ApplicationV1 application(UUID id, UUID programme, String status, String institute, Instant changedAt, Long revision) {
        return new ApplicationV1(id, programme, "user-" + id, "MENTEE", status, "Eva", institute, null, null, List.of(),
                new LocationV1("Berlin", null, "DE", 52.52, 13.4), List.of("de", "en"), List.of("ai-tools"), List.of("ONLINE"),
                4, 20, null, null, changedAt.minusSeconds(3600), changedAt, revision);
    }

    private static ProgrammeV1 programme(UUID id, String status, Instant changedAt, Long revision) {
        return new ProgrammeV1(id, "Cohort", status, null, null, 6, 14, List.of(new ProgrammeV1.Topic("ai-tools", "AI")),
                new ProgrammeV1.MatchingSettings(new ProgrammeV1.Weights(0.5, 0.2, 0.2, 0.1), 2, 50, 1, 5), changedAt, revision,
                new ProgrammeV1.Team(List.of(MatchingFixtures.ADMIN), List.of()));
    }

    /** The data as an event published before the field existed: no {@code revision} at all. */
    private static ObjectNode withoutRevision(ApplicationV1 data) {
        ObjectNode node = JSON.valueToTree(data);
        node.remove("revision");
        return node;
    }

    private static void send(String type, Object data) {
        UUID key = data instanceof ApplicationV1 a ? a.applicationId()
                : data instanceof ProgrammeV1 p ? p.programmeId()
                : UUID.fromString(((ObjectNode) data).get("applicationId").asText());
        send(key, type, data);
    }

    private static void send(UUID key, String type, Object data) {
        CloudEvent event = CloudEvent.of(type, "/mentoring/applicants-service", key.toString(), JSON.valueToTree(data));
        try {
            KafkaRecords.sendCloudEvent(Topics.APPLICANTS, key.toString(), JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double staleCount(String projection) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("mentoring_projection_stale_events_total\\{[^}]*projection=\"" + projection + "\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
