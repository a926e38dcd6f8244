package org.mentoring.sessions;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.schedule;

/**
 * Sessions learns each programme's team from the programme's events and lets only that team act as the programme's
 * admins: another admin gets 404 for its meetings, its pairs' progress and its report, exactly as for things that do
 * not exist, and neither sees nor flags its pairs at risk. HR systems still read the report. A team change reaches
 * sessions with the next programme event.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProgrammeTeamChecksTest {

    private final String ownerId = "owner-" + UUID.randomUUID();
    private final String strangerId = "stranger-" + UUID.randomUUID();
    private final String owner = TestTokens.admin(ownerId);
    private final String stranger = TestTokens.admin(strangerId);
    private final String hr = TestTokens.token("hr-" + UUID.randomUUID(), TestTokens.HR_INTEGRATION);

    @Test
    void onlyTheProgrammesTeamActsAsItsAdmins() {
        SessionsFixtures.Pair pair = newPair();
        SessionsFixtures.programme(pair.programmeId(), ownerId);
        SessionsFixtures.send(pair, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(30), 14, Instant.now());
        awaitProgress(owner, pair);
        String meeting = schedule(pair.menteeToken(), online(pair, inDays(3), 60)).path("id");

        given().auth().oauth2(stranger).get("/api/v1/meetings/{id}", meeting).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stranger).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stranger).get("/api/v1/meetings/reports/programmes/{id}", pair.programmeId()).then().statusCode(404)
                .contentType("application/problem+json");
        // the stranger's check does not reach the pair, which stays unflagged
        given().auth().oauth2(stranger).post("/api/v1/meetings/cadence-check").then().statusCode(200);
        given().auth().oauth2(owner).get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().statusCode(200)
                .body("reminded", equalTo(false)).body("atRisk", equalTo(false));

        given().auth().oauth2(owner).post("/api/v1/meetings/cadence-check").then().statusCode(200);
        assertThat(atRisk(owner)).contains(pair.agreementId().toString());
        assertThat(atRisk(stranger)).doesNotContain(pair.agreementId().toString());
        given().auth().oauth2(owner).get("/api/v1/meetings/{id}", meeting).then().statusCode(200).body("id", equalTo(meeting));
        given().auth().oauth2(owner).get("/api/v1/meetings/reports/programmes/{id}", pair.programmeId()).then().statusCode(200);
        given().auth().oauth2(hr).get("/api/v1/meetings/reports/programmes/{id}", pair.programmeId()).then().statusCode(200);

        // the owner hands the programme over: the next programme event carries the new team
        SessionsFixtures.programme(pair.programmeId(), strangerId);
        awaitProgress(stranger, pair);
        given().auth().oauth2(stranger).get("/api/v1/meetings/{id}", meeting).then().statusCode(200);
        assertThat(atRisk(stranger)).contains(pair.agreementId().toString());
        given().auth().oauth2(owner).get("/api/v1/meetings/{id}", meeting).then().statusCode(404);
        given().auth().oauth2(owner).get("/api/v1/meetings/reports/programmes/{id}", pair.programmeId()).then().statusCode(404);
        assertThat(atRisk(owner)).doesNotContain(pair.agreementId().toString());
    }

    @Test
    void anAdminOnNoTeamSeesNoProgrammesReport() {
        UUID programme = UUID.randomUUID();
        given().auth().oauth2(stranger).get("/api/v1/meetings/reports/programmes/{id}", programme).then().statusCode(404);
        given().auth().oauth2(hr).get("/api/v1/meetings/reports/programmes/{id}", programme).then().statusCode(200);
    }

    private static void awaitProgress(String token, SessionsFixtures.Pair pair) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> given().auth().oauth2(token)
                .get("/api/v1/meetings/agreements/{id}/progress", pair.agreementId()).then().extract().statusCode() == 200);
    }

    private static List<String> atRisk(String token) {
        return given().auth().oauth2(token).get("/api/v1/meetings/at-risk").then().statusCode(200).extract().path("agreementId");
    }
}
