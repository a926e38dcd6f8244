package org.mentoring.agreements.export;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.agreements.AgreementFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** A person's export from agreements-service, through the HTTP API: their agreements in full, nobody else's. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AgreementsExportTest {

    private static final String PATH = "/api/v1/agreements/me/export";

    @Test
    void eachPartyExportsTheirAgreementWithCommentsVersionsAndSignaturesAndNothingOfOtherPairs() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        String suggestion = "Could we add prompt engineering? " + UUID.randomUUID();
        given().auth().oauth2(pair.mentorToken()).contentType(ContentType.JSON).body(Map.of("text", suggestion, "field", "agendaTopics"))
                .post("/api/v1/agreements/{id}/comments", id).then().statusCode(201);
        AgreementFixtures.activate(pair, id, 1);
        String privateComment = "Too much travel for me " + UUID.randomUUID();
        given().auth().oauth2(pair.mentorToken()).header("If-Match", AgreementFixtures.etag(pair.mentorToken(), id))
                .contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "LACK_OF_TIME", "comment", privateComment,
                        "closingConversation", Map.of("held", true, "on", LocalDate.now(ZoneOffset.UTC).toString())))
                .post("/api/v1/agreements/{id}/termination", id).then().statusCode(200);

        AgreementFixtures.Pair others = AgreementFixtures.confirmedMatch("IN_PERSON");
        String othersId = AgreementFixtures.awaitDraft(others);

        String menteeExport = given().auth().oauth2(pair.menteeToken()).get(PATH).then()
                .statusCode(200).contentType("application/json")
                .body("subject", equalTo(pair.mentee()))
                .body("exportedAt", notNullValue())
                .body("agreements", hasSize(1))
                .body("agreements[0].agreement.id", equalTo(id))
                .body("agreements[0].agreement.status", equalTo("TERMINATED"))
                .body("agreements[0].agreement.mentee.applicantId", equalTo(pair.mentee()))
                .body("agreements[0].agreement.comments[0].text", equalTo(suggestion))
                .body("agreements[0].agreement.ending.reasonCategory", equalTo("LACK_OF_TIME"))
                // the other party's private comment on the ending is theirs alone
                .body("agreements[0].agreement.ending.privateComment", nullValue())
                .body("agreements[0].versions", hasSize(1))
                .body("agreements[0].versions[0].number", equalTo(1))
                .body("agreements[0].versions[0].contentHash", notNullValue())
                .body("agreements[0].versions[0].signatures.signer", equalTo(List.of(pair.mentee(), pair.mentor())))
                .extract().asString();
        assertThat(menteeExport).doesNotContain(privateComment).doesNotContain(othersId).doesNotContain(others.mentee());

        given().auth().oauth2(pair.mentorToken()).get(PATH).then().statusCode(200)
                .body("agreements", hasSize(1))
                .body("agreements[0].agreement.ending.privateComment", equalTo(privateComment));

        String othersExport = given().auth().oauth2(others.menteeToken()).get(PATH).then().statusCode(200)
                .body("agreements", hasSize(1)).body("agreements[0].agreement.id", equalTo(othersId))
                .body("agreements[0].versions", hasSize(0))
                .extract().asString();
        assertThat(othersExport).doesNotContain(id).doesNotContain(suggestion).doesNotContain(pair.mentee());
    }

    @Test
    void someoneWithoutAgreementsGetsAnEmptyExportAndAnonymousCallersNone() {
        given().auth().oauth2(TestTokens.participant("nobody-" + UUID.randomUUID())).get(PATH).then().statusCode(200)
                .body("agreements", hasSize(0));
        given().get(PATH).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("hr-system", TestTokens.HR_INTEGRATION)).get(PATH).then().statusCode(403);
    }
}
