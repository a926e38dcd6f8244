package org.mentoring.applicants.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mentoring.applicants.directory.service.DirectoryProfile;
import org.mentoring.applicants.directory.service.DirectoryService;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mentoring.applicants.directory.DirectoryFixtures.ENTERPRISE;
import static org.mentoring.applicants.directory.DirectoryFixtures.MATCHING;
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

/** Directory changes reach Kafka through the outbox, once per change, with what matching needs. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class DirectoryEventsTest {

    private final String hr = hr();

    @Inject
    DirectoryService directory;

    @Test
    void upsertsAndDeactivationArePublishedWithTheReportingLine() {
        String top = create(hr, user(unique("evtop")));
        String middle = create(hr, withManager(user(unique("evmid")), top));
        String leafName = unique("evleaf");
        String leaf = create(hr, withManager(user(leafName), middle));

        JsonNode created = event(leaf, EventTypes.DIRECTORY_PERSON_UPSERTED, 1);
        assertThat(created.get("source").asText()).isEqualTo("/mentoring/applicants-service");
        assertThat(created.get("subject").asText()).isEqualTo(leaf);
        assertThat(created.get("dataschema").asText()).isEqualTo("urn:mentoring:schema:mentoring.directory.person.v1");
        JsonNode data = created.get("data");
        assertThat(data.get("personId").asText()).isEqualTo(leaf);
        assertThat(data.get("userName").asText()).isEqualTo(leafName);
        assertThat(data.get("externalId").asText()).isEqualTo("ext-" + leafName);
        assertThat(data.get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(data.get("employeeNumber").asText()).isEqualTo("E-" + leafName);
        assertThat(data.get("organization").asText()).isEqualTo("Institute of Computing");
        assertThat(data.get("department").asText()).isEqualTo("Data Lab");
        assertThat(data.get("managerId").asText()).isEqualTo(middle);
        assertThat(texts(data.get("managerChain"))).containsExactly(middle, top);
        assertThat(data.at("/location/city").asText()).isEqualTo("Berlin");
        assertThat(data.at("/location/country").asText()).isEqualTo("DE");
        assertThat(data.at("/location/latitude").asDouble()).isEqualTo(52.52);
        assertThat(data.at("/location/longitude").asDouble()).isEqualTo(13.405);
        assertThat(texts(data.get("languages"))).containsExactly("en", "de");
        assertThat(data.get("active").asBoolean()).isTrue();
        assertThat(data.has("emails")).isFalse();

        // a PATCH that changes something publishes; one that changes nothing does not
        scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":department", "Board")))).patch("/scim/v2/Users/{id}", leaf)
                .then().statusCode(200);
        String etag = scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":department", "Board"))))
                .patch("/scim/v2/Users/{id}", leaf).then().statusCode(200).extract().header("ETag");
        scim(hr).get("/scim/v2/Users/{id}", leaf).then().header("ETag", etag);
        JsonNode changed = event(leaf, EventTypes.DIRECTORY_PERSON_UPSERTED, 2);
        assertThat(changed.at("/data/department").asText()).isEqualTo("Board");

        // moving the middle manager changes the leaf's chain too
        String newTop = create(hr, user(unique("evnewtop")));
        scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":manager.value", newTop)))).patch("/scim/v2/Users/{id}", middle)
                .then().statusCode(200);
        JsonNode moved = event(leaf, EventTypes.DIRECTORY_PERSON_UPSERTED, 3);
        assertThat(texts(moved.at("/data/managerChain"))).containsExactly(middle, newTop);

        scim(hr).delete("/scim/v2/Users/{id}", leaf).then().statusCode(204);
        JsonNode deactivated = event(leaf, EventTypes.DIRECTORY_PERSON_DEACTIVATED, 1);
        assertThat(deactivated.at("/data/active").asBoolean()).isFalse();
        assertThat(deactivated.at("/data/userName").asText()).isEqualTo(leafName);

        // exactly these four events for the leaf: none for the no-op PATCH, none for the second DELETE
        scim(hr).delete("/scim/v2/Users/{id}", leaf).then().statusCode(204);
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> leaf.equals(r.key()), Duration.ofSeconds(3))).hasSize(4);
    }

    @Test
    void addressesGoOnlyToTheContactsTopicAndAreForgottenOnDeactivation() {
        String top = create(hr, user(unique("ctop")));
        String name = unique("contact");
        ObjectNode u = withManager(user(name), top);
        u.putArray("emails").addObject().put("value", name + "@home.example").put("type", "home");
        ((ArrayNode) u.get("emails")).addObject().put("value", name + "@work.example").put("type", "work");
        String id = create(hr, u);

        JsonNode created = contact(id, 1);
        assertThat(created.get("type").asText()).isEqualTo(EventTypes.DIRECTORY_CONTACT_CHANGED);
        assertThat(created.get("dataschema").asText()).isEqualTo("urn:mentoring:schema:mentoring.directory.contact.v1");
        assertThat(created.at("/data/personId").asText()).isEqualTo(id);
        assertThat(created.at("/data/email").asText()).as("no primary: the work address").isEqualTo(name + "@work.example");

        // moving the manager changes this person's chain, not their address: no contact event for that
        String newTop = create(hr, user(unique("cnewtop")));
        scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":manager.value", newTop)))).patch("/scim/v2/Users/{id}", top)
                .then().statusCode(200);
        event(id, EventTypes.DIRECTORY_PERSON_UPSERTED, 2);

        scim(hr).delete("/scim/v2/Users/{id}", id).then().statusCode(204);
        assertThat(contact(id, 2).at("/data/email").isNull()).as("deactivated: forget the address").isTrue();
        assertThat(KafkaRecords.collect(Topics.CONTACTS, r -> id.equals(r.key()), Duration.ofSeconds(3))).hasSize(2);
        assertThat(KafkaRecords.collect(Topics.APPLICANTS, r -> id.equals(r.key()), Duration.ofSeconds(3)))
                .as("the directory events every service reads carry no address")
                .isNotEmpty().noneMatch(r -> r.value().contains("@"));
    }

    /** The {@code n}-th contact event of {@code personId}, waiting up to 30 s for it. */
    private static JsonNode contact(String personId, int n) {
        long deadline = System.currentTimeMillis() + 30_000;
        List<JsonNode> found = new ArrayList<>();
        while (found.size() < n && System.currentTimeMillis() < deadline) {
            found.clear();
            KafkaRecords.collect(Topics.CONTACTS, r -> personId.equals(r.key()), Duration.ofSeconds(3)).forEach(r -> found.add(read(r.value())));
        }
        assertThat(found).as("contact events for " + personId).hasSizeGreaterThanOrEqualTo(n);
        return found.get(n - 1);
    }

    @Test
    void activeProfileOfReadsTheDirectoryInTheCallersSession() throws Throwable {
        String top = create(hr, user(unique("prtop")));
        String userName = unique("profile");
        String id = create(hr, withManager(user(userName), top));

        Optional<DirectoryProfile> profile = profile(userName.toUpperCase());
        assertThat(profile).isPresent();
        DirectoryProfile p = profile.get();
        assertThat(p.personId()).isEqualTo(UUID.fromString(id));
        assertThat(p.userName()).isEqualTo(userName);
        assertThat(p.displayName()).isEqualTo("Ada Lovelace");
        assertThat(p.employeeNumber()).isEqualTo("E-" + userName);
        assertThat(p.organization()).isEqualTo("Institute of Computing");
        assertThat(p.department()).isEqualTo("Data Lab");
        assertThat(p.managerChain()).containsExactly(UUID.fromString(top));
        assertThat(p.city()).isEqualTo("Berlin");
        assertThat(p.region()).isEqualTo("Berlin");
        assertThat(p.country()).isEqualTo("DE");
        assertThat(p.latitude()).isEqualTo(52.52);
        assertThat(p.longitude()).isEqualTo(13.405);
        assertThat(p.languages()).containsExactly("en", "de");

        assertThat(profile("nobody-" + UUID.randomUUID())).isEmpty();
        scim(hr).delete("/scim/v2/Users/{id}", id).then().statusCode(204);
        assertThat(profile(userName)).isEmpty();
    }

    @Test
    void aDisplayNameFallsBackToTheName() {
        ObjectNode u = user(unique("noname"));
        u.remove("displayName");
        ((ObjectNode) u.get("name")).remove("formatted");
        ((ObjectNode) u.get(MATCHING)).remove("location");
        String id = create(hr, u);
        JsonNode data = event(id, EventTypes.DIRECTORY_PERSON_UPSERTED, 1).get("data");
        assertThat(data.get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(data.get("location").isNull()).isTrue();
        assertThat(data.get("managerChain").size()).isZero();
    }

    private Optional<DirectoryProfile> profile(String userName) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> directory.activeProfileOf(userName)));
    }

    /** The {@code n}-th event of {@code type} about {@code personId}, waiting up to 30 s for it. */
    static JsonNode event(String personId, String type, int n) {
        long deadline = System.currentTimeMillis() + 30_000;
        List<JsonNode> found = new ArrayList<>();
        while (found.size() < n && System.currentTimeMillis() < deadline) {
            found.clear();
            KafkaRecords.collect(Topics.APPLICANTS, r -> personId.equals(r.key()) && r.value().contains("\"" + type + "\""),
                    Duration.ofSeconds(3)).forEach(r -> found.add(read(r.value())));
        }
        assertThat(found).as("events " + type + " for " + personId).hasSizeGreaterThanOrEqualTo(n);
        return found.get(n - 1);
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
