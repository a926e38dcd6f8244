package org.mentoring.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubUpstreams;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The merged API document and its Swagger UI, over HTTP, built from the stub upstreams' documents. */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class ApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static JsonNode json(String path) throws Exception {
        String body = given().when().get(path)
                .then().statusCode(200).contentType("application/json").extract().asString();
        return JSON.readTree(body);
    }

    @Test
    void mergesTheReachableServicesWithoutAToken() throws Exception {
        JsonNode document = json("/openapi.json");

        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Reverse mentoring API");
        assertThat(names(document.path("paths"))).containsExactly(
                "/api/v1/me/export", "/api/v1/me/notification-preferences", "/api/v1/meetings", "/api/v1/programmes",
                "/api/v1/programmes/{programmeId}/access-log", "/api/v1/programmes/{programmeId}/pool",
                "/api/v1/proposals", "/api/v1/reports/programmes/{programmeId}", "/api/v1/webhooks");
        // The pool path is documented by both; the routing table sends it to matching, so matching's wins.
        assertThat(document.at("/paths/~1api~1v1~1programmes~1{programmeId}~1pool/get/operationId").asText())
                .isEqualTo("pool");
        // notifications-service's webhooks, for HR platforms (and platform admins)
        assertThat(document.at("/paths/~1api~1v1~1webhooks/post/security").toString())
                .isEqualTo("[{\"jwt\":[\"hr-integration\",\"platform-admin\"]},{\"keycloak\":[]}]");
        // The agreements stub is down: left out and named, the document is still served.
        assertThat(document.at("/info/description").asText()).contains("missing from it for now: agreements");
    }

    @Test
    void serversIsTheGatewayItself() throws Exception {
        JsonNode document = json("/openapi.json");

        assertThat(document.at("/servers/0/url").asText()).matches("http://localhost:\\d+");
    }

    @Test
    void clashingComponentsArePrefixedAndIdenticalOnesKeptOnce() throws Exception {
        JsonNode schemas = json("/openapi.json").at("/components/schemas");

        assertThat(names(schemas)).containsExactlyInAnyOrder("Problem", "ApplicantsPage", "MatchingPage", "Programme",
                // the gateway's own programme report, export and access log
                "GatewayProblem", "GatewayReportSummary", "GatewayProgrammeReport", "GatewayPersonalExport",
                "GatewayAccessLogEntry", "GatewayAccessLogPage");
        JsonNode document = json("/openapi.json");
        assertThat(document.at("/paths/~1api~1v1~1programmes/get/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/ApplicantsPage");
        assertThat(document.at("/paths/~1api~1v1~1proposals/get/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/MatchingPage");
        assertThat(schemas.at("/ApplicantsPage/properties/items/items/$ref").asText())
                .isEqualTo("#/components/schemas/Programme");
    }

    @Test
    void operationIdsAreUnique() throws Exception {
        JsonNode paths = json("/openapi.json").path("paths");
        List<String> ids = new ArrayList<>();
        paths.forEach(item -> item.forEach(operation -> ids.add(operation.path("operationId").asText())));

        assertThat(ids).doesNotHaveDuplicates().contains("list", "matchingList");
    }

    @Test
    void theGatewaysOwnOperationsFollowTheServicesConventions() throws Exception {
        JsonNode document = json("/openapi.json");
        JsonNode own;
        try (var in = ApiDocumentTest.class.getResourceAsStream("/openapi/gateway-own.json")) {
            own = JSON.readTree(in);
        }
        List<String> described = new ArrayList<>();
        document.path("tags").forEach(tag -> {
            if (!tag.path("description").asText().isBlank()) {
                described.add(tag.path("name").asText());
            }
        });
        List<String> ids = new ArrayList<>();
        own.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode operation = document.path("paths").path(path.getKey()).path(method.getKey());
            String id = operation.path("operationId").asText();
            ids.add(id);
            assertThat(id).as(method.getKey() + " " + path.getKey()).matches("^[a-z]+[A-Z][A-Za-z0-9]*$").doesNotContain("Resource");
            assertThat(operation.path("tags").size()).as(id + ": tags").isEqualTo(1);
            assertThat(described).as(id + ": its tag is declared with a description").contains(operation.path("tags").get(0).asText());
        }));
        assertThat(ids).containsExactlyInAnyOrder("getProgrammeReport", "getPersonalExport", "getProgrammeAccessLog");
    }

    @Test
    void securityIsTheGatewaysBearerOrKeycloakLogin() throws Exception {
        JsonNode document = json("/openapi.json");
        JsonNode schemes = document.at("/components/securitySchemes");

        assertThat(names(schemes)).containsExactlyInAnyOrder("jwt", "keycloak");
        assertThat(schemes.at("/jwt/scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.at("/keycloak/flows/authorizationCode/authorizationUrl").asText())
                .isEqualTo("http://localhost:8180/realms/mentoring/protocol/openid-connect/auth");
        assertThat(schemes.at("/keycloak/flows/password/tokenUrl").asText())
                .isEqualTo("http://localhost:8180/realms/mentoring/protocol/openid-connect/token");
        assertThat(document.at("/security").toString()).isEqualTo("[{\"jwt\":[]},{\"keycloak\":[]}]");
        assertThat(document.at("/paths/~1api~1v1~1programmes/post/security").toString())
                .isEqualTo("[{\"jwt\":[\"program-admin\"]},{\"keycloak\":[]}]");
        // Inherits the global requirement.
        assertThat(document.at("/paths/~1api~1v1~1meetings/get/security").isMissingNode()).isTrue();
    }

    @Test
    void yamlIsTheSameDocument() throws Exception {
        String yaml = given().when().get("/openapi.yaml")
                .then().statusCode(200).contentType("application/yaml").extract().asString();

        assertThat(YAML.readTree(yaml)).isEqualTo(json("/openapi.json"));
    }

    @Test
    void quarkusOpenApiPathServesTheMergedDocument() throws Exception {
        String yaml = given().when().get("/q/openapi")
                .then().statusCode(200).contentType("application/yaml").extract().asString();
        assertThat(YAML.readTree(yaml)).isEqualTo(json("/openapi.json"));
        assertThat(json("/q/openapi?format=json")).isEqualTo(json("/openapi.json"));
    }

    @Test
    void swaggerUiLogsInWithThePublicClientAndPkce() {
        String page = given().when().get("/q/swagger-ui/")
                .then().statusCode(200).contentType("text/html").extract().asString();

        assertThat(page).contains("/q/openapi").contains("clientId: 'mentoring-web'")
                .contains("usePkceWithAuthorizationCodeGrant: true");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
