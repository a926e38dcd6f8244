package org.mentoring.agreements.agreement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mentoring.agreements.AgreementFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The comments on an agreement come in pages; a read of the agreement lists only the first of them. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AgreementCommentsTest {

    private static final String BASE = "/api/v1/agreements";

    @Test
    void commentsArePagedAndTheAgreementListsOnlyTheFirstFifty() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE");
        String id = AgreementFixtures.awaitDraft(pair);
        List<String> written = IntStream.rangeClosed(1, 55).mapToObj(i -> "Suggestion " + i).toList();
        for (int i = 0; i < written.size(); i++) {
            given().auth().oauth2(i % 2 == 0 ? pair.mentorToken() : pair.menteeToken()).contentType(ContentType.JSON)
                    .body(Map.of("text", written.get(i))).post(BASE + "/{id}/comments", id).then().statusCode(201);
        }

        // the agreement lists the oldest 50, and a cursor to the rest
        JsonPath agreement = given().auth().oauth2(pair.menteeToken()).get(BASE + "/{id}", id).then().statusCode(200)
                .body("comments", hasSize(50)).body("commentsNextCursor", notNullValue()).extract().jsonPath();
        assertThat(agreement.getList("comments.text", String.class)).isEqualTo(written.subList(0, 50));
        given().auth().oauth2(pair.menteeToken()).queryParam("cursor", agreement.getString("commentsNextCursor"))
                .get(BASE + "/{id}/comments", id).then().statusCode(200)
                .body("items.text", equalTo(written.subList(50, 55))).body("nextCursor", nullValue());

        // pages of 20 give every comment once, oldest first, with author and party
        List<String> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(pair.mentorToken()).queryParam("limit", 20);
            JsonPath page = (cursor == null ? request : request.queryParam("cursor", cursor)).get(BASE + "/{id}/comments", id)
                    .then().statusCode(200).extract().jsonPath();
            read.addAll(page.getList("items.text", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(read).isEqualTo(written);
        assertThat(pages).isEqualTo(3);
        given().auth().oauth2(pair.menteeToken()).queryParam("limit", 1).get(BASE + "/{id}/comments", id).then().statusCode(200)
                .body("items[0].authorParty", equalTo("MENTOR")).body("items[0].author", equalTo(pair.mentor()));

        // a few comments fit: no cursor; admins read them; strangers do not see the agreement; bad paging is a 400
        AgreementFixtures.Pair quiet = AgreementFixtures.confirmedMatch("ONLINE");
        String quietId = AgreementFixtures.awaitDraft(quiet);
        given().auth().oauth2(quiet.menteeToken()).contentType(ContentType.JSON).body(Map.of("text", "Only one"))
                .post(BASE + "/{id}/comments", quietId).then().statusCode(201);
        given().auth().oauth2(quiet.mentorToken()).get(BASE + "/{id}", quietId).then().statusCode(200)
                .body("comments.text", equalTo(List.of("Only one"))).body("$", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasKey("commentsNextCursor")));
        given().auth().oauth2(TestTokens.admin(AgreementFixtures.ADMIN)).get(BASE + "/{id}/comments", quietId).then().statusCode(200)
                .body("items.text", equalTo(List.of("Only one"))).body("nextCursor", nullValue());
        given().auth().oauth2(TestTokens.participant("stranger-comments")).get(BASE + "/{id}/comments", id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(pair.menteeToken()).queryParam("limit", 0).get(BASE + "/{id}/comments", id).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(pair.menteeToken()).queryParam("cursor", "not-a-cursor").get(BASE + "/{id}/comments", id).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
    }
}
