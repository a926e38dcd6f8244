package org.mentoring.systemtests;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.mentoring.systemtests.Journeys.step;

/**
 * A confirmed match opens an agreement draft in agreements-service (through matching's event on Kafka); the mentee gives it
 * goals, proposes it, both sign the same version and it is in force; its document comes as PDF and Markdown to the pair
 * only; then the mentee ends it after a closing conversation. Through the gateway with Keycloak's tokens.
 */
class AgreementJourneyIT {

    private static final String GOAL = "Use AI tools for the institute's weekly reporting";

    @BeforeAll
    static void gateway() {
        Journeys.useGateway();
    }

    /** A confirmed match and the subjects of its two people. */
    private record Pair(Journeys.ConfirmedMatch match, String menteeSub, String mentorSub) {
        String mentee() {
            return match.people().mentee();
        }

        String mentor() {
            return match.people().mentor();
        }
    }

    @Test
    void aConfirmedMatchBecomesASignedAgreementWithADocumentAndEndsWithAClosingConversation() {
        Pair pair = step("a confirmed match", () -> aConfirmedMatch());
        String id = step("the draft of this match is listed to both", () -> theDraftOfThisMatchIsListedToBoth(pair));
        step("the mentee, not the mentor, sets the goals", () -> theMenteeNotTheMentorSetsTheGoals(pair, id));
        String hash = step("proposed and signed by both, it is in force", () -> proposedAndSignedByBothItIsInForce(pair, id));
        step("the document comes as PDF and Markdown", () -> theDocumentComesAsPdfAndMarkdown(pair, id, hash));
        step("a stranger learns nothing about it", () -> aStrangerLearnsNothingAboutIt(pair, id));
        step("the mentee ends it after the closing conversation", () -> theMenteeEndsItAfterTheClosingConversation(pair, id));
    }

    private static Pair aConfirmedMatch() {
        Journeys.ConfirmedMatch match = Journeys.confirmedMatch("Agreement journey");
        return new Pair(match, Keycloak.claims(match.people().mentee()).get("sub").asText(),
                Keycloak.claims(match.people().mentor()).get("sub").asText());
    }

    /** The draft of this very match, prefilled from it, listed to both people of the pair: its id. */
    private static String theDraftOfThisMatchIsListedToBoth(Pair pair) {
        Journeys.ConfirmedMatch match = pair.match();
        String id = Journeys.awaitDraft(pair.mentee(), match.programmeId());
        given().auth().oauth2(pair.mentor()).queryParam("programmeId", match.programmeId()).get("/api/v1/agreements").then()
                .statusCode(200).body("items.id", equalTo(List.of(id)));
        given().auth().oauth2(pair.mentee()).get("/api/v1/agreements/{id}", id).then().statusCode(200)
                .body("status", equalTo("DRAFT"))
                .body("matchId", equalTo(match.matchId()))
                .body("programmeId", equalTo(match.programmeId()))
                .body("latestVersion", equalTo(1))
                .body("versionInForce", nullValue())
                .body("mentee.applicationId", equalTo(match.menteeApplicationId()))
                .body("mentee.applicantId", equalTo(pair.menteeSub()))
                .body("mentor.applicationId", equalTo(match.mentorApplicationId()))
                .body("mentor.applicantId", equalTo(pair.mentorSub()))
                .body("latest.agendaTopics", hasItem(Journeys.TOPIC))
                .body("latest.goals", hasSize(0))
                .body("latest.confidentiality.confidentialByDefault", equalTo(true));
        return id;
    }

    /** Goals are the mentee's: the mentor may not set them, the mentee does. */
    private static void theMenteeNotTheMentorSetsTheGoals(Pair pair, String id) {
        Journeys.editDraft(pair.mentor(), id, Journeys.draftWith(pair.mentor(), id, List.of("The mentor's goal"), 1)).then()
                .statusCode(403).contentType("application/problem+json").body("errors.field", hasItem("goals"));
        Journeys.editDraft(pair.mentee(), id, Journeys.draftWith(pair.mentee(), id, List.of(GOAL), 1)).then()
                .statusCode(200).body("status", equalTo("DRAFT")).body("latest.goals", equalTo(List.of(GOAL)));
    }

    /** Proposed, the version is frozen with a hash; both sign it, each with the current ETag. Returns the hash. */
    private static String proposedAndSignedByBothItIsInForce(Pair pair, String id) {
        String mentee = pair.mentee();
        String mentor = pair.mentor();
        String hash = Journeys.propose(mentee, id, 1);
        Journeys.sign(mentor, id, 1, null).then().statusCode(428).contentType("application/problem+json");
        String beforeSigning = Journeys.etag(mentor, id);
        Journeys.sign(mentee, id, 1, Journeys.etag(mentee, id)).then().statusCode(201)
                .body("status", equalTo("PROPOSED")).body("versionInForce", nullValue());
        Journeys.sign(mentor, id, 1, beforeSigning).then().statusCode(412).contentType("application/problem+json");
        Journeys.sign(mentor, id, 1, Journeys.etag(mentor, id)).then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("versionInForce", equalTo(1));
        given().auth().oauth2(mentor).get("/api/v1/agreements/{id}", id).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("inForce.goals", equalTo(List.of(GOAL)));
        given().auth().oauth2(mentee).get("/api/v1/agreements/{id}/versions/{n}", id, 1).then().statusCode(200)
                .body("status", equalTo("IN_FORCE"))
                .body("signatures.party", equalTo(List.of("MENTEE", "MENTOR")))
                .body("signatures.signer", equalTo(List.of(pair.menteeSub(), pair.mentorSub())))
                .body("signatures.contentHash", equalTo(List.of(hash, hash)));
        return hash;
    }

    /** The document of the version in force: a PDF, and Markdown with the hash and both signatures. */
    private static void theDocumentComesAsPdfAndMarkdown(Pair pair, String id, String hash) {
        byte[] pdf = given().auth().oauth2(pair.mentee()).accept("application/pdf").get("/api/v1/agreements/{id}/document", id).then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, Math.min(pdf.length, 8), StandardCharsets.ISO_8859_1)).startsWith("%PDF");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains(hash);
        String markdown = given().auth().oauth2(pair.mentor()).accept("text/markdown").get("/api/v1/agreements/{id}/document", id).then()
                .statusCode(200).contentType(containsString("text/markdown")).extract().asString();
        assertThat(markdown).contains("# Reverse mentoring agreement", "Version: 1", GOAL, "`" + hash + "`");
        String signedAt = "\\| \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z \\|";
        assertThat(markdown).containsPattern(Pattern.compile("\\| Mentee \\| " + Pattern.quote(pair.menteeSub()) + " " + signedAt))
                .containsPattern(Pattern.compile("\\| Mentor \\| " + Pattern.quote(pair.mentorSub()) + " " + signedAt));
    }

    /** A participant of no pair here learns nothing about it. */
    private static void aStrangerLearnsNothingAboutIt(Pair pair, String id) {
        String stranger = Keycloak.tokenFor(Journeys.STRANGER);
        given().auth().oauth2(stranger).accept("application/pdf").get("/api/v1/agreements/{id}/document", id).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).accept("text/markdown").get("/api/v1/agreements/{id}/document", id).then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/agreements/{id}", id).then().statusCode(404);
        given().auth().oauth2(stranger).queryParam("programmeId", pair.match().programmeId()).get("/api/v1/agreements").then()
                .statusCode(200).body("items", hasSize(0));
    }

    /** The mentee ends it after the closing conversation; the private comment stays the mentee's; it cannot end twice. */
    private static void theMenteeEndsItAfterTheClosingConversation(Pair pair, String id) {
        String mentee = pair.mentee();
        String mentor = pair.mentor();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        given().auth().oauth2(mentee).header("If-Match", Journeys.etag(mentee, id)).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "GOALS_ACHIEVED", "comment", "We got there sooner than planned",
                        "closingConversation", Map.of("held", true, "on", today.toString())))
                .post("/api/v1/agreements/{id}/termination", id).then().statusCode(200)
                .body("status", equalTo("TERMINATED"))
                .body("ending.endedBy", equalTo("MENTEE"))
                .body("ending.reasonCategory", equalTo("GOALS_ACHIEVED"))
                .body("ending.privateComment", equalTo("We got there sooner than planned"))
                .body("ending.closingConversation.held", equalTo(true))
                .body("ending.closingConversation.on", equalTo(today.toString()));
        given().auth().oauth2(mentor).get("/api/v1/agreements/{id}", id).then().statusCode(200)
                .body("status", equalTo("TERMINATED"))
                .body("ending.reasonCategory", equalTo("GOALS_ACHIEVED"))
                .body("ending.privateComment", nullValue());
        given().auth().oauth2(mentor).header("If-Match", Journeys.etag(mentor, id)).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "OTHER", "closingConversation", Map.of("held", false)))
                .post("/api/v1/agreements/{id}/termination", id).then().statusCode(409);
    }
}
