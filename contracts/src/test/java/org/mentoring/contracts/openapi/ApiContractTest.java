package org.mentoring.contracts.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed API document ({@code openapi/mentoring-api.json}) against the last released one
 * ({@code openapi/released/mentoring-api.json}) and the changelog: see {@link ReleaseCheck}. The derived documents
 * below prove that the check sees what breaks a client, also where openapi-diff alone reads a 3.1 document wrong.
 */
class ApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OPENAPI = Path.of(System.getProperty("contracts.openapi", "openapi"));
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private static JsonNode current;
    private static JsonNode released;
    private static String changelog;

    @BeforeAll
    static void read() throws IOException {
        current = JSON.readTree(OPENAPI.resolve("mentoring-api.json").toFile());
        released = JSON.readTree(OPENAPI.resolve("released/mentoring-api.json").toFile());
        changelog = Files.readString(OPENAPI.resolve("CHANGELOG.md"));
    }

    @Test
    void theCommittedDocumentKeepsTheReleasedContract() {
        List<String> problems = ReleaseCheck.problems(released, current, changelog);

        assertThat(problems).as(() -> "contracts/openapi/mentoring-api.json against the released"
                + " contracts/openapi/released/mentoring-api.json:\n\n" + String.join("\n\n", problems)
                + "\n\nAfter raising the version, rewrite the committed document from a running stack (ApiDocumentIT with"
                + " -Dapi.document.update=true). When clients are published from this document, copy it to"
                + " contracts/openapi/released/ (contracts/openapi/README.md).").isEmpty();
    }

    @Test
    void openApiDiffReadsEveryOperationOfTheDocument() {
        int operations = operations(current);
        assertThat(operations).as("operations in the document").isGreaterThan(90);

        SwaggerParseResult asIs = new OpenAPIParser().readContents(current.toString(), null, null);
        SwaggerParseResult view = new OpenAPIParser().readContents(OpenApi30View.of(current).toString(), null, null);

        assertThat(asIs.getMessages()).as("parser messages on the 3.1 document").isEmpty();
        assertThat(view.getMessages()).as("parser messages on its 3.0 view").isEmpty();
        assertThat(count(asIs.getOpenAPI())).isEqualTo(operations);
        assertThat(count(view.getOpenAPI())).isEqualTo(operations);
        assertThat(OpenApi30View.unconverted(OpenApi30View.of(current))).as("3.1 left in the view").isEmpty();
        assertThat(BreakingChanges.compare(current, current).isChanged().isUnchanged()).isTrue();
    }

    @Test
    void removingAnOperationBreaksClients() {
        ObjectNode broken = current.deepCopy();
        ((ObjectNode) broken.at("/paths/~1api~1v1~1webhooks")).remove("post");

        assertThat(breaking(broken)).singleElement().asString()
                .isEqualTo("POST /api/v1/webhooks: the operation createWebhook was removed");
        assertThat(problems(broken, "1.1.0")).singleElement().asString()
                .contains("break clients of the released API 1.0.0", "createWebhook was removed", "set 2.0.0 in");
        assertThat(problems(broken, "2.0.0")).isEmpty();
    }

    @Test
    void removingAFieldOfAResponseBreaksClients() {
        ObjectNode broken = current.deepCopy();
        assertThat(broken.at("/components/schemas/Programme/properties/status").isObject()).isTrue();
        ((ObjectNode) broken.at("/components/schemas/Programme/properties")).remove("status");

        assertThat(breaking(broken)).contains(
                "GET /api/v1/programmes/{id}, PUT /api/v1/programmes/{id}, POST /api/v1/programmes/{id}/transitions:"
                        + " response 200 application/json: field status was removed from the response",
                "GET /api/v1/programmes: response 200 application/json: field items[].status was removed from the"
                        + " response")
                .allMatch(line -> line.contains("status was removed from the response"));
        assertThat(problems(broken, "1.0.1")).singleElement().asString().contains("set 2.0.0 in");
    }

    @Test
    void removingAnEnumValueClientsSendBreaksThem() {
        ObjectNode broken = current.deepCopy();
        ArrayNode modes = (ArrayNode) broken.at("/components/schemas/MatchingRunMode/enum");
        assertThat(modes.toString()).contains("REMATCH");
        modes.remove(2);

        assertThat(breaking(broken)).contains("POST /api/v1/programmes/{programmeId}/matching-runs: request body"
                        + " application/json, field mode: enum value(s) [REMATCH] removed (a client sending one is refused)",
                "GET /api/v1/programmes/{programmeId}/matching-runs/{runId}: response 200 application/json, field mode:"
                        + " enum value(s) [REMATCH] removed (generated clients lose the constant their code names)");
        assertThat(problems(broken, "1.1.0")).singleElement().asString().contains("set 2.0.0 in");
    }

    // Where openapi-diff 2.1.2 on the 3.1 document itself sees no change at all.

    @Test
    void aChangedTypeBreaksClientsAlsoWhenWrittenAsATypeList() {
        ObjectNode broken = current.deepCopy();
        ObjectNode url = (ObjectNode) broken.at("/components/schemas/WebhookCreate/properties/url");
        url.put("type", "integer");
        ObjectNode version = (ObjectNode) broken.at("/components/schemas/Agreement/properties/versionInForce");
        assertThat(version.get("type").toString()).isEqualTo("[\"integer\",\"null\"]");
        version.putArray("type").add("string").add("null");

        assertThat(breaking(broken))
                .anyMatch(line -> line.contains("POST /api/v1/webhooks: request body application/json, field url:"
                        + " type changed from string to integer"))
                .anyMatch(line -> line.contains("field versionInForce: type changed from integer (int32) to string"));
    }

    @Test
    void aResponseValueThatMayNowBeNullBreaksClients() {
        ObjectNode neverNull = current.deepCopy();
        ObjectNode version = (ObjectNode) neverNull.at("/components/schemas/Agreement/properties/versionInForce");
        assertThat(version.get("type").toString()).isEqualTo("[\"integer\",\"null\"]");
        version.put("type", "integer");

        assertThat(breaking(neverNull)).isEmpty();
        assertThat(BreakingChanges.between(neverNull, current)).isNotEmpty()
                .allMatch(line -> line.contains("versionInForce: may now be null in the response"))
                .anyMatch(line -> line.startsWith("GET /api/v1/agreements/{id}"));

        ObjectNode inForceNeverNull = current.deepCopy();
        ObjectNode inForce = (ObjectNode) inForceNeverNull.at("/components/schemas/Agreement/properties/inForce");
        inForce.set("$ref", inForce.at("/anyOf/0/$ref"));
        inForce.remove("anyOf");

        assertThat(BreakingChanges.between(inForceNeverNull, current))
                .containsExactly("schema Agreement, field inForce: may now be null in the response");
        assertThat(breaking(inForceNeverNull)).isEmpty();
    }

    @Test
    void aReferenceBehindANullableAnyOfIsCompared() {
        ObjectNode broken = current.deepCopy();
        ObjectNode inForce = (ObjectNode) broken.at("/components/schemas/Agreement/properties/inForce");
        assertThat(inForce.at("/anyOf/0/$ref").asText()).isEqualTo("#/components/schemas/AgreementContent");
        ((ObjectNode) inForce.at("/anyOf/0")).put("$ref", "#/components/schemas/UUID");

        assertThat(breaking(broken)).contains(
                "schema Agreement, field inForce: refers to UUID instead of AgreementContent (the generated type changes)");
    }

    @Test
    void anAdditionIsCompatibleButNeedsANewVersionAndItsChangelogEntry() {
        ObjectNode added = current.deepCopy();
        ((ObjectNode) added.at("/components/schemas/Programme/properties"))
                .putObject("colour").put("type", "string");
        ((ObjectNode) added.at("/paths/~1api~1v1~1webhooks/get")).put("summary", "All webhooks, newest first");

        assertThat(breaking(added)).isEmpty();
        assertThat(problems(added, "1.0.0")).singleElement().asString()
                .contains("changed since the released 1.0.0 but info.version is 1.0.0", "raise it in");
        assertThat(ReleaseCheck.problems(released, version(added, "1.1.0"), "## [1.0.0]\n"))
                .singleElement().asString().contains("CHANGELOG.md has no section for 1.1.0");
        assertThat(problems(added, "1.1.0")).isEmpty();
    }

    @Test
    void theVersionIsSemantic() {
        assertThat(ReleaseCheck.problems(released, version(current.deepCopy(), "1.1"), changelog))
                .anyMatch(problem -> problem.contains("info.version \"1.1\" is not MAJOR.MINOR.PATCH"));
        assertThat(ReleaseCheck.hasSection("# Changelog\n\n## [1.2.0] - 2027-01-04\n", ReleaseCheck.Version.parse("1.2.0")))
                .isTrue();
        assertThat(ReleaseCheck.hasSection("## [1.2.0]\n", ReleaseCheck.Version.parse("1.2.1"))).isFalse();
    }

    /** What breaks a client of the committed document when it becomes {@code changed}. */
    private static List<String> breaking(JsonNode changed) {
        return BreakingChanges.between(current, changed);
    }

    /** The check of {@code changed}, carrying {@code version}, against the committed document as released. */
    private static List<String> problems(ObjectNode changed, String version) {
        return ReleaseCheck.problems(version(current.deepCopy(), "1.0.0"), version(changed, version),
                "# Changelog\n\n## [" + version + "] - 2027-01-04\n");
    }

    private static ObjectNode version(ObjectNode document, String version) {
        ((ObjectNode) document.get("info")).put("version", version);
        return document;
    }

    private static int operations(JsonNode document) {
        int count = 0;
        for (JsonNode item : document.path("paths")) {
            for (String method : METHODS) {
                count += item.has(method) ? 1 : 0;
            }
        }
        return count;
    }

    private static int count(OpenAPI api) {
        return api.getPaths().values().stream().mapToInt(item -> item.readOperations().size()).sum();
    }
}
