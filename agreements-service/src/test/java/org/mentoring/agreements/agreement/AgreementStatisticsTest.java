package org.mentoring.agreements.agreement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.agreements.AgreementFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AgreementStatisticsTest {

    private static final String BASE = "/api/v1/agreements";

    @Test
    void hrCannotWorkOutASmallStatusAsTheTotalMinusTheOthers() {
        UUID programme = UUID.randomUUID();
        String admin = TestTokens.admin("admin");
        for (int i = 0; i < 6; i++) {
            AgreementFixtures.confirmedMatch(programme, "ONLINE", "Prof. Senior", "Junior Dev");
        }
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() ->
                given().auth().oauth2(admin).queryParam("programmeId", programme).queryParam("status", "DRAFT").get(BASE)
                        .then().statusCode(200).extract().<List<Object>>path("items").size() == 6);
        String one = given().auth().oauth2(admin).queryParam("programmeId", programme).get(BASE).then().extract().path("items[0].id");
        given().auth().oauth2(admin).header("If-Match", AgreementFixtures.etag(admin, one)).contentType(ContentType.JSON)
                .body(Map.of("reasonCategory", "PROGRAMME_DECISION", "comment", "Left the company"))
                .post(BASE + "/{id}/termination", one).then().statusCode(200);

        // 6 agreements (as many as matching's confirmed pairs): 5 drafts and the one ended; the one alone is hidden, and the
        // drafts with it, since 6 - 5 would tell it
        given().auth().oauth2(TestTokens.token("hr", TestTokens.HR_INTEGRATION)).queryParam("programmeId", programme)
                .get(BASE + "/statistics").then().statusCode(200)
                .body("programmeId", equalTo(programme.toString()))
                .body("total", equalTo(6))
                .body("byStatus.TERMINATED", nullValue())
                .body("byStatus.DRAFT", nullValue())
                .body("byStatus.ACTIVE", equalTo(0))
                .body("suppressed", equalTo(List.of("byStatus.TERMINATED", "byStatus.DRAFT")));
    }
}
