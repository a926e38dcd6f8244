package org.mentoring.gateway.problem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.gateway.StubUpstreams;

import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The catalogue of problem types, as a client and a person find it: every type a problem names resolves here. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class ProblemCatalogueTest {

    @Test
    void everyTypeOfTheCatalogueHasItsPageWithoutAToken() {
        List<String> listed = given().accept("application/json").get("/problems").then().statusCode(200)
                .contentType("application/json").extract().jsonPath().getList("items.type");
        assertThat(listed).containsExactlyElementsOf(Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList())
                .doesNotHaveDuplicates();
        for (ProblemType type : ProblemType.values()) {
            given().accept("application/json").get(type.uri()).then().statusCode(200)
                    .body("type", equalTo(type.uri())).body("status", equalTo(type.status()))
                    .body("title", equalTo(type.title())).body("description", equalTo(type.description()));
        }
        given().accept("text/html").get("/problems/not-yet-consistent").then().statusCode(200).contentType("text/html")
                .body(containsString("Not yet consistent")).body(containsString("Retry-After"));
        given().get("/problems").then().statusCode(200).contentType("text/html").body(containsString("/problems/validation"));
    }

    @Test
    void theTypeOfAnAnswerResolvesAtTheGatewayAndAnUnknownOneIsAProblem() {
        String type = given().get("/nowhere-at-all").then().statusCode(404).contentType("application/problem+json")
                .extract().path("type");
        assertThat(type).isEqualTo("/problems/not-found");
        given().accept("application/json").get(type).then().statusCode(200).body("status", equalTo(404));

        given().get("/problems/no-such-kind").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found")).body("detail", containsString("GET /problems"));
    }
}
