package org.mentoring.matching.proposal;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Admins read the whole proposal; each of the pair reads only what a person may know about the other. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ProposalViewsTest {

    private static final String OVERRIDE = "Different departments in practice; both asked for it";
    private static final List<String> ADMIN_ONLY = List.of("score", "explanation", "overrideReason", "decisionReason", "manual",
            "runId", "mentee", "mentor");

    private final String admin = TestTokens.admin("admin");

    @Test
    void theAdminSeesScoreComponentsDistanceAndTheOverrideReasonAndThePairOnlyTheParticipantView() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programme(programme, "CLOSED");
        // same institute: pairing them breaks a hard rule, so the admin writes an override reason
        UUID mentee = MatchingFixtures.accepted(programme, "MENTEE", "Physics", List.of("en", "de"), 25, List.of("ai-tools"));
        UUID mentor = MatchingFixtures.accepted(programme, "MENTOR", "Physics", List.of("en"), 3, List.of("ai-tools"));
        MatchingFixtures.awaitPool(admin, programme, 2);
        String menteeToken = TestTokens.participant("user-" + mentee);
        String mentorToken = TestTokens.participant("user-" + mentor);

        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("programmeId", programme, "menteeApplicationId", mentee, "mentorApplicationId", mentor,
                        "overrideReason", OVERRIDE))
                .post("/api/v1/proposals").then().statusCode(201).extract().path("id");

        given().auth().oauth2(admin).get("/api/v1/proposals/{id}", id).then().statusCode(200)
                .body("overrideReason", equalTo(OVERRIDE))
                .body("score", notNullValue())
                .body("explanation.diversity", notNullValue())
                .body("explanation.distanceKm", notNullValue())
                .body("explanation.rulesBroken", hasItem("different-institute"))
                .body("mentor.applicantId", equalTo("user-" + mentor));
        given().auth().oauth2(admin).queryParam("programmeId", programme).get("/api/v1/proposals").then().statusCode(200)
                .body("items[0].overrideReason", equalTo(OVERRIDE)).body("items[0].explanation.diversity", notNullValue());

        // the pair: never the admin view, under any path
        given().auth().oauth2(menteeToken).get("/api/v1/proposals/{id}", id).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(menteeToken).get("/api/v1/proposals").then()
                .statusCode(403).contentType("application/problem+json");

        String seen = given().auth().oauth2(menteeToken).get("/api/v1/proposals/mine/{id}", id).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo(id))
                .body("programmeId", equalTo(programme.toString()))
                .body("status", equalTo("APPROVED"))
                .body("yourRole", equalTo("MENTEE"))
                .body("yourApplicationId", equalTo(mentee.toString()))
                .body("partner.role", equalTo("MENTOR"))
                .body("partner.displayName", equalTo("P " + mentor))
                .body("sharedTopics", equalTo(List.of("ai-tools")))
                .body("sharedLanguages", equalTo(List.of("en")))
                .body("agendaTopics", equalTo(List.of("ai-tools")))
                .extract().asString();
        assertWithoutAdminDetails(seen, mentor);

        String listed = given().auth().oauth2(mentorToken).get("/api/v1/proposals/mine").then().statusCode(200)
                .body("items.id", equalTo(List.of(id)))
                .body("items[0].yourRole", equalTo("MENTOR"))
                .body("items[0].partner.displayName", equalTo("P " + mentee))
                .extract().asString();
        assertWithoutAdminDetails(listed, mentee);

        String answered = given().auth().oauth2(menteeToken).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/proposals/{id}/answer", id).then().statusCode(200)
                .body("yourAnswer", equalTo("ACCEPTED"))
                .body("partner", not(hasKey("answer")))
                .extract().asString();
        assertWithoutAdminDetails(answered, mentor);
        given().auth().oauth2(mentorToken).get("/api/v1/proposals/mine/{id}", id).then().statusCode(200)
                .body("partner.answer", equalTo("ACCEPTED")).body("$", not(hasKey("yourAnswer")));

        // someone else's proposal stays invisible
        given().auth().oauth2(TestTokens.participant("user-stranger")).get("/api/v1/proposals/mine/{id}", id).then()
                .statusCode(404).contentType("application/problem+json");
    }

    private static void assertWithoutAdminDetails(String body, UUID partnerApplication) {
        for (String field : ADMIN_ONLY) {
            assertThat(body).as("participant view holds %s", field).doesNotContain("\"" + field + "\"");
        }
        assertThat(body).doesNotContain(OVERRIDE).doesNotContain("diversity").doesNotContain("distanceKm")
                .doesNotContain("different-institute").doesNotContain("user-")
                // the partner's application id as a value of its own (the fixtures' display names hold it too)
                .doesNotContain("\"" + partnerApplication + "\"");
    }
}
