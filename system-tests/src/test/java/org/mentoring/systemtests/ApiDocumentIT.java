package org.mentoring.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.filter.log.LogDetail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one API document a frontend team starts from: the gateway merges every service's document, points its
 * OAuth2 scheme at Keycloak and serves Swagger UI on it. The document read here is also written to
 * {@code target/openapi/mentoring-api.json}, from which the {@code typescript-client} profile generates a
 * TypeScript client and compiles it.
 */
class ApiDocumentIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void gateway() {
        RestAssured.baseURI = System.getProperty("gateway.url", "http://localhost:8080");
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails(LogDetail.ALL);
    }

    @Test
    void theMergedDocumentCoversEveryServiceAndLogsInAtKeycloak() throws Exception {
        // The gateway asks the services at start and again later: wait until it has all five.
        JsonNode document = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .until(() -> JSON.readTree(given().get("/openapi.json").then().statusCode(200)
                                .contentType("application/json").extract().asByteArray()),
                        d -> !d.at("/info/description").asText().contains("missing from it"));

        List<String> paths = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains(
                "/api/v1/programmes", "/api/v1/programmes/{programmeId}/applications", "/scim/v2/Users",
                "/api/v1/programmes/{programmeId}/matching-runs", "/api/v1/proposals",
                "/api/v1/agreements/{id}/document", "/api/v1/meetings", "/api/v1/meetings/{id}/notes",
                "/api/v1/reports/programmes/{programmeId}", "/api/v1/webhooks", "/api/v1/webhooks/{id}/deliveries");
        // Every operation has a unique id, which generated clients name their methods after, and one tag, which names
        // the client's API class. The ids are the services' own (verb and noun), unique across services, so the
        // gateway never had to prefix one with its service.
        List<String> operationIds = new ArrayList<>();
        List<String> untagged = new ArrayList<>();
        document.path("paths").forEach(item -> item.fields().forEachRemaining(op -> {
            if (op.getValue().isObject() && !op.getKey().equals("parameters")) {
                operationIds.add(op.getValue().path("operationId").asText());
                if (op.getValue().path("tags").size() != 1) {
                    untagged.add(op.getValue().path("operationId").asText());
                }
            }
        }));
        assertThat(operationIds).doesNotHaveDuplicates().hasSizeGreaterThan(80)
                .allMatch(id -> id.matches("^[a-z]+[A-Z][A-Za-z0-9]*$") && !id.contains("Resource"), "verb and noun in lowerCamel")
                .contains("listProgrammes", "submitApplication", "listScimUsers", "startMatchingRun", "reviewProposal",
                        "signAgreementVersion", "scheduleMeeting", "listWebhooks", "getProgrammeReport", "getPersonalExport")
                .noneMatch(id -> id.startsWith("applicants") || id.startsWith("matching") || id.startsWith("agreements")
                        || id.startsWith("sessions") || id.startsWith("notifications"));
        assertThat(untagged).as("operations without exactly one tag").isEmpty();

        String keycloak = System.getProperty("keycloak.url", "http://localhost:8180");
        JsonNode oauth = document.at("/components/securitySchemes/keycloak");
        assertThat(oauth.path("type").asText()).isEqualTo("oauth2");
        assertThat(oauth.toString()).contains(keycloak + "/realms/mentoring/protocol/openid-connect/auth");
        assertThat(document.at("/servers/0/url").asText()).isEqualTo(RestAssured.baseURI);

        given().get("/openapi.yaml").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("yaml"));
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("html"));

        Path out = Path.of(System.getProperty("openapi.out", "target/openapi/mentoring-api.json"));
        Files.createDirectories(out.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), document);
    }
}
