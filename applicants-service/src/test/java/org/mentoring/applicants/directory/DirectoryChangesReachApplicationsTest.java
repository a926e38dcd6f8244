package org.mentoring.applicants.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mentoring.applicants.directory.DirectoryFixtures.ENTERPRISE;
import static org.mentoring.applicants.directory.DirectoryFixtures.create;
import static org.mentoring.applicants.directory.DirectoryFixtures.hr;
import static org.mentoring.applicants.directory.DirectoryFixtures.op;
import static org.mentoring.applicants.directory.DirectoryFixtures.patchOp;
import static org.mentoring.applicants.directory.DirectoryFixtures.read;
import static org.mentoring.applicants.directory.DirectoryFixtures.scim;
import static org.mentoring.applicants.directory.DirectoryFixtures.unique;
import static org.mentoring.applicants.directory.DirectoryFixtures.user;
import static org.mentoring.applicants.directory.DirectoryFixtures.withManager;
import static org.mentoring.applicants.directory.DirectoryFixtures.write;

/**
 * Applications filled from the directory follow their person: a leaver's live applications are withdrawn
 * (LEFT_ORGANISATION) and a person who moves in the organisation is republished with the new reporting line and
 * institute, in the transaction of the directory change.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class DirectoryChangesReachApplicationsTest {

    private final String hr = hr();
    private final String admin = TestTokens.admin("admin-" + UUID.randomUUID());

    @Test
    void aScimDeactivationWithdrawsOnlyTheLiveApplications() {
        String userName = unique("leaver");
        String person = create(hr, user(userName));
        String token = TestTokens.participant(userName);
        Application live = apply(token, openProgramme(), "MENTOR");
        Application rejected = apply(token, openProgramme(), "MENTOR");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", rejected.etag())
                .body(Map.of("decision", "REJECT", "reason", "Full")).post("/api/v1/applications/{id}/decision", rejected.id())
                .then().statusCode(200);
        Application withdrawn = apply(token, openProgramme(), "MENTOR");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "No time"))
                .post("/api/v1/applications/{id}/withdraw", withdrawn.id()).then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/applications/{id}", live.id()).then().body("fromDirectory", equalTo(true));

        scim(hr).body(write(patchOp(op("replace", "active", false)))).patch("/scim/v2/Users/{id}", person).then().statusCode(200);

        JsonNode event = lastEvent(live.id(), EventTypes.APPLICATION_WITHDRAWN);
        assertThat(event.at("/data/status").asText()).isEqualTo("WITHDRAWN");
        assertThat(event.at("/data/reason").asText()).isEqualTo("LEFT_ORGANISATION");
        String etag = given().auth().oauth2(token).get("/api/v1/applications/{id}", live.id()).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("decisionReason", equalTo("LEFT_ORGANISATION")).extract().header("ETag");
        assertThat("\"" + event.at("/data/revision").asLong() + "\"").isEqualTo(etag);

        given().auth().oauth2(token).get("/api/v1/applications/{id}", rejected.id()).then()
                .body("status", equalTo("REJECTED")).body("decisionReason", equalTo("Full"));
        given().auth().oauth2(token).get("/api/v1/applications/{id}", withdrawn.id()).then()
                .body("status", equalTo("WITHDRAWN")).body("decisionReason", equalTo("No time"));
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> (rejected.id().equals(r.key()) || withdrawn.id().equals(r.key()))
                && r.value().contains("LEFT_ORGANISATION"), Duration.ofSeconds(2))).isEmpty();
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> live.id().equals(r.key()), Duration.ofSeconds(1)))
                .filteredOn(r -> r.value().contains(EventTypes.APPLICATION_WITHDRAWN)).hasSize(1);
    }

    @Test
    void scimDeleteAndAPutWithActiveFalseWithdrawToo() {
        String deletedName = unique("deleted");
        String deleted = create(hr, user(deletedName));
        Application viaDelete = apply(TestTokens.participant(deletedName), openProgramme(), "MENTEE");
        String replacedName = unique("replaced");
        String replaced = create(hr, user(replacedName));
        Application viaPut = apply(TestTokens.participant(replacedName), openProgramme(), "MENTEE");

        scim(hr).delete("/scim/v2/Users/{id}", deleted).then().statusCode(204);
        ObjectNode inactive = user(replacedName).put("active", false);
        scim(hr).body(write(inactive)).put("/scim/v2/Users/{id}", replaced).then().statusCode(200);

        for (Application a : List.of(viaDelete, viaPut)) {
            assertThat(lastEvent(a.id(), EventTypes.APPLICATION_WITHDRAWN).at("/data/reason").asText()).isEqualTo("LEFT_ORGANISATION");
        }
    }

    @Test
    void aBulkImportThatDeactivatesWithdraws() {
        String userName = unique("imported");
        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(List.of(Map.of("userName", userName, "organization", "Institute of Chemistry"))).post("/api/v1/directory/imports")
                .then().statusCode(200).body("created", equalTo(1));
        String token = TestTokens.participant(userName);
        Application a = apply(token, openProgramme(), "MENTOR");
        given().auth().oauth2(token).get("/api/v1/applications/{id}", a.id()).then().body("institute", equalTo("Institute of Chemistry"));

        given().auth().oauth2(hr).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(List.of(Map.of("userName", userName, "active", false))).post("/api/v1/directory/imports")
                .then().statusCode(200).body("deactivated", equalTo(1));

        assertThat(lastEvent(a.id(), EventTypes.APPLICATION_WITHDRAWN).at("/data/reason").asText()).isEqualTo("LEFT_ORGANISATION");
        given().auth().oauth2(token).get("/api/v1/applications/{id}", a.id()).then().body("status", equalTo("WITHDRAWN"));
    }

    @Test
    void aNewManagerOrInstituteRepublishesTheApplicationWithTheNewSnapshot() {
        String top = create(hr, user(unique("rtop")));
        String manager = create(hr, withManager(user(unique("rmgr")), top));
        String userName = unique("mover");
        String person = create(hr, withManager(user(userName), manager));
        String token = TestTokens.participant(userName);
        Application a = apply(token, openProgramme(), "MENTEE");
        JsonNode submitted = lastEvent(a.id(), EventTypes.APPLICATION_SUBMITTED);
        assertThat(texts(submitted.at("/data/managerChain"))).containsExactly(manager, top);

        // a change the application does not carry publishes nothing about it
        scim(hr).body(write(patchOp(op("replace", "title", "Professor")))).patch("/scim/v2/Users/{id}", person).then().statusCode(200);
        // the person gets another manager
        String otherManager = create(hr, user(unique("rother")));
        scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":manager.value", otherManager)))).patch("/scim/v2/Users/{id}", person)
                .then().statusCode(200);
        JsonNode moved = lastEvent(a.id(), EventTypes.APPLICATION_UPDATED);
        assertThat(texts(moved.at("/data/managerChain"))).containsExactly(otherManager);
        assertThat(moved.at("/data/status").asText()).isEqualTo("SUBMITTED");
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> a.id().equals(r.key()), Duration.ofSeconds(2)))
                .as("submitted, then one update for the new manager; none for the new title").hasSize(2);

        // the new manager moves under someone: the chain above the person changed
        String newTop = create(hr, user(unique("rnewtop")));
        scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":manager.value", newTop)))).patch("/scim/v2/Users/{id}", otherManager)
                .then().statusCode(200);
        assertThat(texts(awaitEvent(a.id(), 3).at("/data/managerChain"))).containsExactly(otherManager, newTop);

        // another institute and department
        scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":organization", "Institute of Biology"),
                op("replace", ENTERPRISE + ":department", "Genetics")))).patch("/scim/v2/Users/{id}", person).then().statusCode(200);
        JsonNode reorganised = awaitEvent(a.id(), 4);
        assertThat(reorganised.get("type").asText()).isEqualTo(EventTypes.APPLICATION_UPDATED);
        assertThat(reorganised.at("/data/institute").asText()).isEqualTo("Institute of Biology");
        assertThat(reorganised.at("/data/department").asText()).isEqualTo("Genetics");
        String etag = given().auth().oauth2(token).get("/api/v1/applications/{id}", a.id()).then().statusCode(200)
                .body("institute", equalTo("Institute of Biology")).body("department", equalTo("Genetics"))
                .extract().header("ETag");
        assertThat("\"" + reorganised.at("/data/revision").asLong() + "\"").isEqualTo(etag);
    }

    private record Application(String id, String etag) {
    }

    private String openProgramme() {
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Directory " + UUID.randomUUID(), "topics", List.of(Map.of("code", "ai-tools", "label", "AI tools"))))
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        String etag = given().auth().oauth2(admin).get("/api/v1/programmes/{id}", id).then().extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", id).then().statusCode(200);
        return id;
    }

    private static Application apply(String token, String programme, String role) {
        Map<String, Object> form = Map.of("role", role, "languages", List.of("en"), "topics", List.of("ai-tools"),
                "meetingFormats", List.of("ONLINE"), "availabilityHoursPerMonth", 4, "yearsOfExperience", 10,
                "consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", true));
        var created = given().auth().oauth2(token).contentType(ContentType.JSON).body(form)
                .post("/api/v1/programmes/{id}/applications", programme).then().statusCode(201).extract();
        return new Application(created.path("id"), created.header("ETag"));
    }

    /** The last event about application {@code id}, once one of {@code type} was published. */
    private static JsonNode lastEvent(String id, String type) {
        KafkaRecords.await(Topics.APPLICANTS, r -> id.equals(r.key()) && r.value().contains(type), Duration.ofSeconds(30));
        var all = KafkaRecords.collect(Topics.APPLICANTS, r -> id.equals(r.key()), Duration.ofSeconds(1));
        JsonNode last = read(all.get(all.size() - 1).value());
        assertThat(last.get("type").asText()).isEqualTo(type);
        return last;
    }

    /** The {@code n}-th event about application {@code id}, waiting up to 30 s for it. */
    private static JsonNode awaitEvent(String id, int n) {
        long deadline = System.currentTimeMillis() + 30_000;
        List<JsonNode> found = new ArrayList<>();
        while (found.size() < n && System.currentTimeMillis() < deadline) {
            found.clear();
            KafkaRecords.collect(Topics.APPLICANTS, r -> id.equals(r.key()), Duration.ofSeconds(2)).forEach(r -> found.add(read(r.value())));
        }
        assertThat(found).hasSize(n);
        return found.get(n - 1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
