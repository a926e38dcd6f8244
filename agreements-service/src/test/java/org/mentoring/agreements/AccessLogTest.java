package org.mentoring.agreements;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Every read of a pair's agreement by the programme's team (the agreement, its comments, its versions, its document,
 * the lists) is recorded in agreements' access log as the programme's admin access says: OPEN records it, AUDITED also
 * asks for the reason (400 without), DISABLED refuses it (403) and leaves the programme out of lists spanning
 * programmes. The owners list the log, each of the pair sees the reads of their data, the pair's own reads are never
 * recorded, and the log's rows can be neither changed nor deleted.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AccessLogTest {

    private static final String BASE = "/api/v1/agreements";
    private static final String REASON = "The mentor asked us to check the agreed cadence";

    private final String ownerId = "owner-" + UUID.randomUUID();
    private final String coAdminId = "co-admin-" + UUID.randomUUID();
    private final String owner = TestTokens.admin(ownerId);
    private final String coAdmin = TestTokens.admin(coAdminId);
    private final String stranger = TestTokens.admin("stranger-" + UUID.randomUUID());

    @Test
    void openProgrammesRecordTheTeamsReadsForTheOwnersAndThePeopleReadAbout() {
        UUID programme = UUID.randomUUID();
        AgreementFixtures.programme(programme, "OPEN", List.of(ownerId), List.of(coAdminId));
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Prof. Senior", "Junior Dev");
        String id = AgreementFixtures.awaitDraft(pair);
        given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON)
                .body(Map.of("field", "agendaTopics", "text", "Could we add prompt engineering?"))
                .post(BASE + "/{id}/comments", id).then().statusCode(201);
        AgreementFixtures.activate(pair, id, 1);

        // the pair read their own agreement: not recorded
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then().statusCode(200);
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}/comments", id).then().statusCode(200);
        given().auth().oauth2(pair.mentorToken()).get(BASE + "/{id}/document", id).then().statusCode(200);
        assertThat(programmeLog(programme)).isEmpty();

        // the co-admin reads everything of it
        given().auth().oauth2(coAdmin).get(BASE + "/{id}", id).then().statusCode(200);
        given().auth().oauth2(coAdmin).get(BASE + "/{id}/comments", id).then().statusCode(200);
        given().auth().oauth2(coAdmin).get(BASE + "/{id}/versions", id).then().statusCode(200);
        given().auth().oauth2(coAdmin).get(BASE + "/{id}/versions/1", id).then().statusCode(200);
        given().auth().oauth2(coAdmin).get(BASE + "/{id}/document", id).then().statusCode(200);
        given().auth().oauth2(coAdmin).queryParam("programmeId", programme).get(BASE).then().statusCode(200)
                .body("items.id", hasItem(id));
        given().auth().oauth2(coAdmin).get(BASE).then().statusCode(200).body("items.id", hasItem(id));
        // counts are no one's data
        given().auth().oauth2(coAdmin).queryParam("programmeId", programme).get(BASE + "/statistics").then().statusCode(200);

        List<Map<String, Object>> log = programmeLog(programme);
        assertThat(log).allSatisfy(e -> {
            assertThat(e).containsEntry("service", "agreements").containsEntry("actor", coAdminId)
                    .containsEntry("actorKind", "ADMIN").containsEntry("programmeId", programme.toString())
                    .containsEntry("objectId", id);
            assertThat(e.get("subject")).isIn(pair.mentee(), pair.mentor());
            assertThat(e.get("reason")).isNull();
        });
        for (String person : List.of(pair.mentee(), pair.mentor())) {
            assertThat(log).filteredOn(e -> person.equals(e.get("subject"))).extracting(e -> (String) e.get("what"))
                    .containsExactlyInAnyOrder("agreement", "agreement comments", "agreement versions", "agreement version",
                            "agreement document", "agreement", "agreement");
        }

        // the log is for the owners only
        given().auth().oauth2(coAdmin).queryParam("programme", programme).get("/api/v1/access-log/agreements").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).queryParam("programme", programme).get("/api/v1/access-log/agreements").then()
                .statusCode(404).contentType("application/problem+json");

        // each of the pair sees who read their data
        List<Map<String, Object>> mine = given().auth().oauth2(pair.menteeToken()).queryParam("limit", 200)
                .get("/api/v1/access-log/agreements/me").then().statusCode(200).extract().path("");
        assertThat(mine).hasSize(7).allSatisfy(e -> assertThat(e).containsEntry("subject", pair.mentee())
                .containsEntry("actor", coAdminId).containsEntry("objectId", id));
    }

    @Test
    void auditedProgrammesAskTheTeamWhyAndRecordTheReason() {
        UUID programme = UUID.randomUUID();
        AgreementFixtures.programme(programme, "AUDITED", List.of(ownerId), List.of(coAdminId));
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Prof. Senior", "Junior Dev");
        String id = AgreementFixtures.awaitDraft(pair);

        given().auth().oauth2(coAdmin).get(BASE + "/{id}", id).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/access-reason-required"));
        given().auth().oauth2(coAdmin).get(BASE + "/{id}/versions", id).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/access-reason-required"));
        given().auth().oauth2(coAdmin).queryParam("programmeId", programme).get(BASE).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/access-reason-required"));
        given().auth().oauth2(coAdmin).get(BASE).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/access-reason-required"));
        // the pair need no reason to read their own
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then().statusCode(200);
        assertThat(programmeLog(programme)).isEmpty();

        given().auth().oauth2(coAdmin).header("Access-Reason", REASON).get(BASE + "/{id}", id).then().statusCode(200)
                .body("id", equalTo(id));
        assertThat(programmeLog(programme))
                .extracting(e -> e.get("actor") + " " + e.get("what") + " " + e.get("subject") + " " + e.get("reason"))
                .containsExactlyInAnyOrder(coAdminId + " agreement " + pair.mentee() + " " + REASON,
                        coAdminId + " agreement " + pair.mentor() + " " + REASON);
        List<Map<String, Object>> mine = given().auth().oauth2(pair.mentorToken()).get("/api/v1/access-log/agreements/me")
                .then().statusCode(200).extract().path("");
        assertThat(mine).singleElement().satisfies(e -> assertThat(e).containsEntry("actor", coAdminId)
                .containsEntry("reason", REASON).containsEntry("objectId", id));
    }

    @Test
    void disabledProgrammesRefuseTheTeamsReadsAndDropOutOfListsSpanningProgrammes() {
        UUID programme = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        AgreementFixtures.programme(programme, "DISABLED", List.of(ownerId), List.of());
        AgreementFixtures.programme(open, "OPEN", List.of(ownerId), List.of());
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch(programme, "ONLINE", "Prof. Senior", "Junior Dev");
        String id = AgreementFixtures.awaitDraft(pair);
        String openId = AgreementFixtures.awaitDraft(AgreementFixtures.confirmedMatch(open, "ONLINE", "A", "B"));

        for (String path : List.of(BASE + "/{id}", BASE + "/{id}/comments", BASE + "/{id}/versions")) {
            given().auth().oauth2(owner).header("Access-Reason", REASON).get(path, id).then().statusCode(403)
                    .contentType("application/problem+json").body("type", endsWith("/admin-access-disabled"));
        }
        given().auth().oauth2(owner).queryParam("programmeId", programme).get(BASE).then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/admin-access-disabled"));
        given().auth().oauth2(owner).queryParam("limit", 200).get(BASE).then().statusCode(200)
                .body("items.id", hasItem(openId)).body("items.id", not(hasItem(id)));
        // the pair work as ever, and the team still runs the programme by its figures and commands
        given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then().statusCode(200);
        given().auth().oauth2(owner).queryParam("programmeId", programme).get(BASE + "/statistics").then().statusCode(200);
        given().auth().oauth2(owner).header("If-Match", AgreementFixtures.etag(pair.menteeToken(), id))
                .contentType(ContentType.JSON).body(Map.of("reasonCategory", "PROGRAMME_DECISION", "comment", "The cohort ends"))
                .post(BASE + "/{id}/termination", id).then().statusCode(200).body("status", equalTo("TERMINATED"));

        assertThat(programmeLog(programme)).isEmpty();
        assertThat(programmeLog(open)).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("objectId", openId));
    }

    @Test
    void theLogCanNeitherBeChangedNorDeleted() throws SQLException {
        UUID programme = UUID.randomUUID();
        AgreementFixtures.programme(programme, "OPEN", List.of(ownerId), List.of());
        String id = AgreementFixtures.awaitDraft(AgreementFixtures.confirmedMatch(programme, "ONLINE", "A", "B"));
        given().auth().oauth2(owner).get(BASE + "/{id}", id).then().statusCode(200);
        String entry = (String) programmeLog(programme).get(0).get("id");

        try (Connection db = database()) {
            assertThatThrownBy(() -> execute(db, "update access_log set reason = 'nothing to see' where id = ?", entry))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> execute(db, "delete from access_log where id = ?", entry))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(programmeLog(programme)).hasSize(2).anySatisfy(e -> {
            assertThat(e).containsEntry("id", entry);
            assertThat(e.get("reason")).isNull();
        });
    }

    /** The programme's log as its owner lists it, newest first. */
    private List<Map<String, Object>> programmeLog(UUID programme) {
        return given().auth().oauth2(owner).queryParam("programme", programme).queryParam("limit", 200)
                .get("/api/v1/access-log/agreements").then().statusCode(200).extract().path("");
    }

    private static void execute(Connection db, String sql, String id) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(id));
            statement.executeUpdate();
        }
    }

    private static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
