package org.mentoring.sessions;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.schedule;

/**
 * Every read of a pair's meeting, progress or place on the at-risk list by the programme's team is written to the
 * access log, as the programme's admin access says: OPEN records it, AUDITED also wants the reason in the
 * Access-Reason header (400 without, nothing recorded), DISABLED refuses the team (403) and leaves the programme's pairs
 * out of the at-risk list. The programme's owners list the log; the people read about find the reads of their data; the
 * pair's own reads, the figures of the report and HR systems reading it are not recorded, and the log cannot be changed.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AccessLogTest {

    private static final String LOG = "/api/v1/access-log/sessions";
    private static final String OPEN = "OPEN";
    private static final String AUDITED = "AUDITED";
    private static final String DISABLED = "DISABLED";

    private final String ownerId = "owner-" + UUID.randomUUID();
    private final String coAdminId = "co-admin-" + UUID.randomUUID();
    private final String strangerId = "stranger-" + UUID.randomUUID();
    private final String owner = TestTokens.admin(ownerId);
    private final String coAdmin = TestTokens.admin(coAdminId);
    private final String stranger = TestTokens.admin(strangerId);
    private final String hrId = "hr-" + UUID.randomUUID();
    private final String hr = TestTokens.token(hrId, TestTokens.HR_INTEGRATION);

    @Test
    void openProgrammesRecordEveryReadOfTheTeamAndShowItToOwnersAndToThePeopleReadAbout() {
        SessionsFixtures.Pair pair = pairAtRisk(OPEN);
        String meeting = schedule(pair.menteeToken(), online(pair, inDays(3), 60)).path("id");

        given().auth().oauth2(coAdmin).get("/api/v1/meetings/{id}", meeting).then().statusCode(200).body("id", equalTo(meeting));
        given().auth().oauth2(coAdmin).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().statusCode(200)
                .body("agreementId", equalTo(pair.agreementId().toString()));
        assertThat(atRisk(given().auth().oauth2(coAdmin))).contains(pair.agreementId().toString());

        List<Map<String, Object>> log = logOf(pair.programmeId());
        assertThat(log).hasSize(6).allSatisfy(e -> {
            assertThat(e).containsEntry("actor", coAdminId).containsEntry("actorKind", "ADMIN").containsEntry("service", "sessions")
                    .containsEntry("programmeId", pair.programmeId().toString());
            assertThat(e.get("reason")).isNull();
            assertThat(e.get("at")).isNotNull();
        });
        assertThat(log).extracting(e -> e.get("what") + " " + e.get("objectId") + " " + e.get("subject")).containsExactlyInAnyOrder(
                "meeting " + meeting + " " + pair.mentee(), "meeting " + meeting + " " + pair.mentor(),
                "progress " + pair.agreementId() + " " + pair.mentee(), "progress " + pair.agreementId() + " " + pair.mentor(),
                "pair at risk " + pair.agreementId() + " " + pair.mentee(), "pair at risk " + pair.agreementId() + " " + pair.mentor());

        // only owners list the log: a co-admin and an admin of no team get the 404 of a programme that does not exist
        given().auth().oauth2(coAdmin).get(LOG + "?programme={id}", pair.programmeId()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stranger).get(LOG + "?programme={id}", pair.programmeId()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(pair.menteeToken()).get(LOG + "?programme={id}", pair.programmeId()).then().statusCode(403);

        // the pair's own reads are not recorded, and the report's figures (for the team and for HR systems) are no one's data
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}", meeting).then().statusCode(200);
        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId())
                .then().statusCode(200);
        given().auth().oauth2(owner).get("/api/v1/meetings/reports/programmes/{id}", pair.programmeId()).then().statusCode(200);
        given().auth().oauth2(hr).get("/api/v1/meetings/reports/programmes/{id}", pair.programmeId()).then().statusCode(200);
        assertThat(logOf(pair.programmeId())).hasSize(6);

        // each of the pair sees the team's reads of their data, and only of theirs
        List<Map<String, Object>> mine = aboutMe(pair.menteeToken());
        assertThat(mine).hasSize(3).allSatisfy(e -> assertThat(e).containsEntry("subject", pair.mentee())
                .containsEntry("actor", coAdminId).containsEntry("service", "sessions"));
        assertThat(mine).extracting(e -> e.get("what")).containsExactlyInAnyOrder("meeting", "progress", "pair at risk");
        assertThat(aboutMe(pair.mentorToken())).hasSize(3).allSatisfy(e -> assertThat(e).containsEntry("subject", pair.mentor()));
        // the reader's own log of what they read about others is not theirs to see as "about me"
        assertThat(aboutMe(coAdmin)).isEmpty();
    }

    @Test
    void auditedProgrammesWantAReasonForEveryReadAndRecordIt() {
        SessionsFixtures.Pair pair = pairAtRisk(AUDITED);
        String meeting = schedule(pair.menteeToken(), online(pair, inDays(3), 60)).path("id");

        refusedWithoutReason(given().auth().oauth2(coAdmin).get("/api/v1/meetings/{id}", meeting).then());
        refusedWithoutReason(given().auth().oauth2(coAdmin).header("Access-Reason", "   ")
                .get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then());
        refusedWithoutReason(given().auth().oauth2(owner).get("/api/v1/meetings/at-risk").then());
        given().auth().oauth2(coAdmin).header("Access-Reason", "x".repeat(501)).get("/api/v1/meetings/{id}", meeting).then()
                .statusCode(400).contentType("application/problem+json");
        assertThat(logOf(pair.programmeId())).isEmpty();

        String reason = "The mentee asked for help rescheduling";
        given().auth().oauth2(coAdmin).header("Access-Reason", reason).get("/api/v1/meetings/{id}", meeting).then().statusCode(200)
                .body("id", equalTo(meeting));
        given().auth().oauth2(coAdmin).header("Access-Reason", "  Quarterly check-in  ")
                .get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().statusCode(200);
        assertThat(atRisk(given().auth().oauth2(owner).header("Access-Reason", "At-risk review"))).contains(pair.agreementId().toString());

        List<Map<String, Object>> log = logOf(pair.programmeId());
        assertThat(log).extracting(e -> e.get("what") + "|" + e.get("actor") + "|" + e.get("subject") + "|" + e.get("reason"))
                .containsExactlyInAnyOrder(
                        "meeting|" + coAdminId + "|" + pair.mentee() + "|" + reason,
                        "meeting|" + coAdminId + "|" + pair.mentor() + "|" + reason,
                        "progress|" + coAdminId + "|" + pair.mentee() + "|Quarterly check-in",
                        "progress|" + coAdminId + "|" + pair.mentor() + "|Quarterly check-in",
                        "pair at risk|" + ownerId + "|" + pair.mentee() + "|At-risk review",
                        "pair at risk|" + ownerId + "|" + pair.mentor() + "|At-risk review");
        assertThat(aboutMe(pair.menteeToken())).extracting(e -> e.get("reason"))
                .containsExactlyInAnyOrder(reason, "Quarterly check-in", "At-risk review");

        // the pair read their own things without giving any reason, unrecorded
        given().auth().oauth2(pair.mentorToken()).get("/api/v1/meetings/{id}", meeting).then().statusCode(200);
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId())
                .then().statusCode(200);
        assertThat(logOf(pair.programmeId())).hasSize(6);
    }

    @Test
    void disabledProgrammesRefuseTheirTeamAndLeaveTheirPairsOutOfTheAtRiskList() {
        SessionsFixtures.Pair closed = pairAtRisk(DISABLED);
        SessionsFixtures.Pair open = pairAtRisk(OPEN);
        String meeting = schedule(closed.menteeToken(), online(closed, inDays(3), 60)).path("id");

        given().auth().oauth2(coAdmin).get("/api/v1/meetings/{id}", meeting).then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/admin-access-disabled"));
        given().auth().oauth2(owner).header("Access-Reason", "Just curious")
                .get("/api/v1/meetings/agreements/{id}/progress", closed.agreementId()).then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/admin-access-disabled"));
        // someone not on the team still learns nothing: 404 as for a meeting that does not exist
        given().auth().oauth2(stranger).get("/api/v1/meetings/{id}", meeting).then().statusCode(404);

        List<String> atRisk = atRisk(given().auth().oauth2(coAdmin));
        assertThat(atRisk).contains(open.agreementId().toString()).doesNotContain(closed.agreementId().toString());
        assertThat(logOf(closed.programmeId())).isEmpty();
        assertThat(logOf(open.programmeId())).extracting(e -> e.get("what") + " " + e.get("subject"))
                .containsExactlyInAnyOrder("pair at risk " + open.mentee(), "pair at risk " + open.mentor());

        // the programme is still run by its figures and commands, and the pair are not affected
        given().auth().oauth2(owner).get("/api/v1/meetings/reports/programmes/{id}", closed.programmeId()).then().statusCode(200);
        given().auth().oauth2(closed.menteeToken()).get("/api/v1/meetings/{id}", meeting).then().statusCode(200);
        given().auth().oauth2(closed.mentorToken()).get("/api/v1/meetings/agreements/{id}/progress", closed.agreementId())
                .then().statusCode(200).body("atRisk", equalTo(true));
        assertThat(aboutMe(closed.menteeToken())).isEmpty();

        // the owners open the programme again: the next programme event brings the setting, and reads are recorded
        SessionsFixtures.programme(closed.programmeId(), List.of(ownerId), List.of(coAdminId), OPEN);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> given().auth().oauth2(coAdmin)
                .get("/api/v1/meetings/{id}", meeting).then().extract().statusCode() == 200);
        assertThat(logOf(closed.programmeId())).extracting(e -> e.get("what")).containsOnly("meeting").isNotEmpty();
    }

    @Test
    void privateNotesStayOutOfTheTeamsReach() {
        SessionsFixtures.Pair pair = pairAtRisk(OPEN);
        String meeting = schedule(pair.menteeToken(), online(pair, inDays(3), 60)).path("id");
        String secret = "I am thinking of leaving the company";
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(Map.of("visibility", "PRIVATE", "content", secret))
                .post("/api/v1/meetings/{id}/notes", meeting).then().statusCode(201);

        given().auth().oauth2(coAdmin).get("/api/v1/meetings/{id}/notes", meeting).then().statusCode(403);
        given().auth().oauth2(owner).header("Access-Reason", "Support").get("/api/v1/meetings/{id}/notes", meeting).then()
                .statusCode(403);
        given().auth().oauth2(hr).get("/api/v1/meetings/{id}/notes", meeting).then().statusCode(403);
        String asTeam = given().auth().oauth2(coAdmin).get("/api/v1/meetings/{id}", meeting).then().statusCode(200)
                .extract().asString();
        assertThat(asTeam).doesNotContain(secret);
        // what the team may not read is not recorded as read
        assertThat(logOf(pair.programmeId())).extracting(e -> e.get("what")).containsOnly("meeting");
    }

    @Test
    void theLogIsAppendOnly() throws SQLException {
        SessionsFixtures.Pair pair = pairAtRisk(AUDITED);
        given().auth().oauth2(coAdmin).header("Access-Reason", "Checking the cadence")
                .get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().statusCode(200);
        List<Map<String, Object>> log = logOf(pair.programmeId());
        assertThat(log).hasSize(2);
        UUID id = UUID.fromString((String) log.get(0).get("id"));

        try (Connection db = database()) {
            assertThatThrownBy(() -> update(db, "update access_log set reason = 'nothing to see' where id = ?", id))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> update(db, "update access_log set reason = null where id = ?", id))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> update(db, "delete from access_log where id = ?", id))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            try (PreparedStatement query = db.prepareStatement("select count(*), min(reason) from access_log where programme_id = ?")) {
                query.setObject(1, pair.programmeId());
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getInt(1)).isEqualTo(2);
                    assertThat(row.getString(2)).isEqualTo("Checking the cadence");
                }
            }
        }
        given().auth().oauth2(owner).get(LOG + "?programme={id}", pair.programmeId()).then().statusCode(200)
                .body("reason", equalTo(List.of("Checking the cadence", "Checking the cadence")))
                .body("[0].objectId", not(emptyOrNullString()));
    }

    /**
     * An active pair of a fresh programme whose team is the owner and the co-admin with this admin access, started long
     * enough ago to be flagged at risk by the owner's cadence check (a command, which any admin access allows).
     */
    private SessionsFixtures.Pair pairAtRisk(String adminAccess) {
        SessionsFixtures.Pair pair = newPair();
        SessionsFixtures.programme(pair.programmeId(), List.of(ownerId), List.of(coAdminId), adminAccess);
        SessionsFixtures.send(pair, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(30), 14, Instant.now());
        // neither wait reads anyone's data as the team: the owner's listing of the log answers once the team has arrived
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> given().auth().oauth2(owner)
                .get(LOG + "?programme={id}", pair.programmeId()).then().extract().statusCode() == 200);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> given().auth().oauth2(pair.menteeToken())
                .get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().extract().statusCode() == 200);
        given().auth().oauth2(owner).post("/api/v1/meetings/cadence-check").then().statusCode(200);
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then()
                .statusCode(200).body("atRisk", equalTo(true));
        return pair;
    }

    private static void refusedWithoutReason(io.restassured.response.ValidatableResponse response) {
        response.statusCode(400).contentType("application/problem+json").body("type", endsWith("/access-reason-required"));
    }

    private List<Map<String, Object>> logOf(UUID programme) {
        return given().auth().oauth2(owner).get(LOG + "?programme={id}", programme).then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    private static List<Map<String, Object>> aboutMe(String token) {
        return given().auth().oauth2(token).get(LOG + "/me").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static List<String> atRisk(RequestSpecification as) {
        return as.get("/api/v1/meetings/at-risk").then().statusCode(200).extract().path("agreementId");
    }

    private static Connection database() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }

    private static void update(Connection db, String sql, UUID id) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, id);
            statement.executeUpdate();
        }
    }
}
