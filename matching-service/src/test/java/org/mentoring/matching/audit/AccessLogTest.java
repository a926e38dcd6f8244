package org.mentoring.matching.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Every read of people's data by a programme's team (its pool, its proposals, a run's result) is recorded in matching's
 * access log as the programme's admin access says: OPEN records it, AUDITED also asks for the reason (400 without),
 * DISABLED refuses it (403) and leaves the programme out of lists spanning programmes. The owners list the log, each
 * person sees the reads of their own data, a participant's reads of their own proposals are never recorded, and the
 * log's rows can be neither changed nor deleted.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AccessLogTest {

    private static final String REASON = "Checking the pair before the kick-off meeting";

    private final String ownerId = "owner-" + UUID.randomUUID();
    private final String coAdminId = "co-admin-" + UUID.randomUUID();
    private final String strangerId = "stranger-" + UUID.randomUUID();
    private final String owner = TestTokens.admin(ownerId);
    private final String coAdmin = TestTokens.admin(coAdminId);
    private final String stranger = TestTokens.admin(strangerId);

    @Test
    void openProgrammesRecordTheTeamsReadsForTheOwnersAndThePeopleReadAbout() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED", "OPEN", List.of(ownerId), List.of(coAdminId));
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        awaitPool(owner, Map.of(), programme, 2);
        String menteeId = "user-" + mentee;
        String mentorId = "user-" + mentor;
        String menteeToken = TestTokens.participant(menteeId);

        // a run's result is about the people it pairs or leaves unmatched
        String run = given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> List.of("COMPLETED", "FAILED")
                .contains(given().auth().oauth2(owner).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                        .then().statusCode(200).extract().<String>path("status")));
        String proposal = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", mentor))
                .post("/api/v1/proposals").then().statusCode(201).extract().path("id");

        // the co-admin reads the pool, the proposal, the programme's proposals and the run
        given().auth().oauth2(coAdmin).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(200);
        given().auth().oauth2(coAdmin).get("/api/v1/proposals/{id}", proposal).then().statusCode(200);
        given().auth().oauth2(coAdmin).queryParam("programmeId", programme).get("/api/v1/proposals").then().statusCode(200)
                .body("items.id", hasItem(proposal));
        given().auth().oauth2(coAdmin).queryParam("limit", 200).get("/api/v1/proposals").then().statusCode(200)
                .body("items.id", hasItem(proposal));
        given().auth().oauth2(coAdmin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run).then().statusCode(200);
        // the pair read their own proposal: not recorded
        given().auth().oauth2(menteeToken).get("/api/v1/proposals/mine/{id}", proposal).then().statusCode(200);
        given().auth().oauth2(menteeToken).get("/api/v1/proposals/mine").then().statusCode(200);

        List<Map<String, Object>> log = programmeLog(programme);
        List<Map<String, Object>> byCoAdmin = log.stream().filter(e -> coAdminId.equals(e.get("actor"))).toList();
        assertThat(byCoAdmin).allSatisfy(e -> {
            assertThat(e).containsEntry("service", "matching").containsEntry("actorKind", "ADMIN")
                    .containsEntry("programmeId", programme.toString());
            assertThat(e.get("reason")).isNull();
        });
        List<String> read = byCoAdmin.stream().map(e -> e.get("what") + " " + e.get("objectId") + " " + e.get("subject")).toList();
        assertThat(read).contains("pool " + mentee + " " + menteeId, "pool " + mentor + " " + mentorId,
                "matching run " + run + " " + menteeId, "matching run " + run + " " + mentorId);
        // read alone, in the programme's list and in the list of all the co-admin's programmes: three reads of each
        assertThat(read).filteredOn(("proposal " + proposal + " " + menteeId)::equals).hasSize(3);
        assertThat(read).filteredOn(("proposal " + proposal + " " + mentorId)::equals).hasSize(3);
        assertThat(log).noneMatch(e -> menteeId.equals(e.get("actor")));

        // the log is for the owners only
        given().auth().oauth2(coAdmin).queryParam("programme", programme).get("/api/v1/access-log/matching").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).queryParam("programme", programme).get("/api/v1/access-log/matching").then()
                .statusCode(404).contentType("application/problem+json");

        // the mentee sees who read their data, and nothing about the mentor
        List<Map<String, Object>> mine = given().auth().oauth2(menteeToken).queryParam("limit", 200)
                .get("/api/v1/access-log/matching/me").then().statusCode(200).extract().path("");
        assertThat(mine).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("subject", menteeId));
        assertThat(mine).anySatisfy(e -> assertThat(e).containsEntry("actor", coAdminId).containsEntry("what", "proposal")
                .containsEntry("objectId", proposal));
    }

    @Test
    void auditedProgrammesAskTheTeamWhyAndRecordTheReason() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED", "AUDITED", List.of(ownerId), List.of(coAdminId));
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        awaitPool(owner, Map.of("Access-Reason", REASON), programme, 2);
        // pairing by hand is a decision, not a read
        String proposal = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", mentor))
                .post("/api/v1/proposals").then().statusCode(201).extract().path("id");

        given().auth().oauth2(coAdmin).get("/api/v1/proposals/{id}", proposal).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/access-reason-required"));
        given().auth().oauth2(coAdmin).queryParam("programmeId", programme).get("/api/v1/proposals").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/access-reason-required"));
        given().auth().oauth2(coAdmin).get("/api/v1/proposals").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/access-reason-required"));
        given().auth().oauth2(coAdmin).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/access-reason-required"));
        assertThat(programmeLog(programme)).noneMatch(e -> coAdminId.equals(e.get("actor")));

        given().auth().oauth2(coAdmin).header("Access-Reason", REASON).get("/api/v1/proposals/{id}", proposal).then()
                .statusCode(200);
        assertThat(programmeLog(programme)).filteredOn(e -> coAdminId.equals(e.get("actor")))
                .extracting(e -> e.get("what") + " " + e.get("objectId") + " " + e.get("subject") + " " + e.get("reason"))
                .containsExactlyInAnyOrder("proposal " + proposal + " user-" + mentee + " " + REASON,
                        "proposal " + proposal + " user-" + mentor + " " + REASON);
        List<Map<String, Object>> mine = given().auth().oauth2(TestTokens.participant("user-" + mentor))
                .get("/api/v1/access-log/matching/me").then().statusCode(200).extract().path("");
        assertThat(mine).anySatisfy(e -> assertThat(e).containsEntry("actor", coAdminId).containsEntry("reason", REASON));
    }

    @Test
    void disabledProgrammesRefuseTheTeamsReadsAndDropOutOfListsSpanningProgrammes() {
        UUID programme = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED", "OPEN", List.of(ownerId), List.of());
        MatchingFixtures.programme(open, "CLOSED", "OPEN", List.of(ownerId), List.of());
        String proposal = pairedByHand(programme);
        String openProposal = pairedByHand(open);

        MatchingFixtures.programme(programme, "CLOSED", "DISABLED", List.of(ownerId), List.of());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(owner).get("/api/v1/proposals/{id}", proposal).then().extract().statusCode() == 403);
        Object newest = programmeLog(programme).get(0).get("id");

        given().auth().oauth2(owner).get("/api/v1/proposals/{id}", proposal).then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/admin-access-disabled"));
        given().auth().oauth2(owner).queryParam("programmeId", programme).get("/api/v1/proposals").then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/admin-access-disabled"));
        given().auth().oauth2(owner).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/admin-access-disabled"));
        given().auth().oauth2(owner).queryParam("limit", 200).get("/api/v1/proposals").then().statusCode(200)
                .body("items.id", hasItem(openProposal)).body("items.id", not(hasItem(proposal)));
        // still the programme's team: its statistics and commands stay
        given().auth().oauth2(owner).get("/api/v1/programmes/{id}/matching-statistics", programme).then().statusCode(200);

        assertThat(programmeLog(programme).get(0).get("id")).isEqualTo(newest);
        assertThat(programmeLog(open)).anySatisfy(e -> assertThat(e).containsEntry("what", "proposal")
                .containsEntry("objectId", openProposal));
    }

    @Test
    void theLogCanNeitherBeChangedNorDeleted() throws SQLException {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED", "OPEN", List.of(ownerId), List.of());
        MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        awaitPool(owner, Map.of(), programme, 1);
        String id = (String) programmeLog(programme).get(0).get("id");

        try (Connection db = MatchingFixtures.database()) {
            assertThatThrownBy(() -> execute(db, "update access_log set reason = 'nothing to see' where id = ?", id))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> execute(db, "delete from access_log where id = ?", id))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(programmeLog(programme)).anySatisfy(e -> {
            assertThat(e).containsEntry("id", id);
            assertThat(e.get("reason")).isNull();
        });
    }

    private String pairedByHand(UUID programme) {
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Data Science", List.of("en"), 3, List.of("ai-tools"));
        awaitPool(owner, Map.of(), programme, 2);
        return given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", mentor))
                .post("/api/v1/proposals").then().statusCode(201).extract().path("id");
    }

    private static void awaitPool(String adminToken, Map<String, String> headers, UUID programme, int size) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().auth().oauth2(adminToken).headers(headers).queryParam("limit", 200)
                        .get("/api/v1/programmes/{id}/pool", programme)
                        .then().statusCode(200).extract().<List<Object>>path("items").size() == size);
    }

    /** The programme's log as its owner lists it, newest first. */
    private List<Map<String, Object>> programmeLog(UUID programme) {
        return given().auth().oauth2(owner).queryParam("programme", programme).queryParam("limit", 200)
                .get("/api/v1/access-log/matching").then().statusCode(200).extract().path("");
    }

    private static void execute(Connection db, String sql, String id) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(id));
            statement.executeUpdate();
        }
    }
}
