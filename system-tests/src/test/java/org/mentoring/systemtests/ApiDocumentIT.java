package org.mentoring.systemtests;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.restassured.RestAssured;
import io.restassured.filter.log.LogDetail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The one API document a frontend team starts from: the gateway merges every service's document, points its
 * OAuth2 scheme at Keycloak and serves Swagger UI on it. The document read here is also written to
 * {@code target/openapi/mentoring-api.json}.
 * <p>
 * The committed contract, {@code contracts/openapi/mentoring-api.json}, is the document the generated clients are
 * built from and the breaking-change check reads. Here the live document, with the stack's URLs put back to the
 * local stack's defaults, must equal it: an API change that is not committed there fails this test with the
 * places that differ. {@code -Dapi.document.update=true} writes the live document to the committed file instead
 * (and passes); {@code -Dapi.document=<file>} compares with another file.
 */
class ApiDocumentIT {

    /** The URLs the committed document carries: the local stack's defaults (deploy/local). */
    static final String LOCAL_GATEWAY = "http://localhost:8080";
    static final String LOCAL_KEYCLOAK = "http://localhost:8180";

    private static final String UPDATE = "api.document.update";
    private static final String UPDATE_COMMAND = "./mvnw -B -ntp verify -pl system-tests -am -Dtest=none"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false"
            + " -Dit.test=ApiDocumentIT -D" + UPDATE + "=true";
    /** How many differing places a failure names. */
    private static final int SHOWN = 30;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode live;

    @BeforeAll
    static void gateway() {
        RestAssured.baseURI = System.getProperty("gateway.url", "http://localhost:8080");
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails(LogDetail.ALL);
    }

    /** The gateway's document once it has all five services' (it asks them at start and again later). */
    private static synchronized JsonNode document() {
        if (live == null) {
            live = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofSeconds(1))
                    .until(() -> JSON.readTree(given().get("/openapi.json").then().statusCode(200)
                                    .contentType("application/json").extract().asByteArray()),
                            d -> !d.at("/info/description").asText().contains("missing from it"));
        }
        return live;
    }

    @Test
    void theMergedDocumentCoversEveryServiceAndLogsInAtKeycloak() throws Exception {
        JsonNode document = document();

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
        assertThat(document.at("/info/version").asText()).as("info.version, semantic versioning")
                .matches("\\d+\\.\\d+\\.\\d+");

        given().get("/openapi.yaml").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("yaml"));
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("html"));

        Path out = Path.of(System.getProperty("openapi.out", "target/openapi/mentoring-api.json"));
        Files.createDirectories(out.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), document);
    }

    @Test
    void theMergedDocumentIsTheCommittedContract() throws Exception {
        JsonNode current = normalized(document(), RestAssured.baseURI,
                System.getProperty("keycloak.url", "http://localhost:8180"));
        Path contract = Path.of(System.getProperty("api.document", "../contracts/openapi/mentoring-api.json"))
                .toAbsolutePath().normalize();
        boolean update = Boolean.getBoolean(UPDATE);

        if (!Files.exists(contract)) {
            if (update) {
                write(current, contract);
                return;
            }
            fail("The committed API document " + contract + " does not exist. Write it from the running stack with\n  "
                    + UPDATE_COMMAND);
        }
        JsonNode committed = JSON.readTree(contract.toFile());
        // Object members compare regardless of their order (JSON objects have none); arrays in their order.
        if (committed.equals(current)) {
            return;
        }
        List<Difference> differences = differences(committed, current);
        if (update) {
            write(current, contract);
            System.out.println("Rewrote " + contract + " from the gateway's document:\n" + summary(differences));
            return;
        }
        fail("The gateway's merged API document differs from the committed contract " + contract + "\n"
                + summary(differences) + "\n"
                + "If the API change is intended, raise the version in OpenApiMerger.API_VERSION (major for a change that"
                + " breaks a client), then rewrite the committed document from the running stack and commit it with the"
                + " change:\n  " + UPDATE_COMMAND + "\n"
                + "and add the version's entry to contracts/openapi/CHANGELOG.md (see contracts/openapi/README.md).");
    }

    /**
     * The document with the stack's own addresses replaced by the local stack's defaults, as committed: the
     * {@code servers} URL and the Keycloak URLs of the security schemes. Nothing else is touched.
     */
    static JsonNode normalized(JsonNode document, String gateway, String keycloak) {
        JsonNode copy = document.deepCopy();
        copy.path("servers").forEach(server -> {
            if (server.path("url").asText().equals(gateway)) {
                ((ObjectNode) server).put("url", LOCAL_GATEWAY);
            }
        });
        replacePrefix(copy.path("components").path("securitySchemes"), keycloak, LOCAL_KEYCLOAK);
        return copy;
    }

    private static void replacePrefix(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual() && field.getValue().asText().startsWith(from)) {
                    field.setValue(TextNode.valueOf(to + field.getValue().asText().substring(from.length())));
                } else {
                    replacePrefix(field.getValue(), from, to);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> replacePrefix(element, from, to));
        }
    }

    /** Pretty-printed in the document's own member order, with "\n" line ends and a final newline. */
    private static void write(JsonNode document, Path file) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writer(printer).writeValueAsString(document) + "\n", StandardCharsets.UTF_8);
    }

    record Difference(String kind, String pointer, String detail) {
        @Override
        public String toString() {
            return String.format("  %-8s %s%s", kind, pointer, detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** Where {@code actual} differs from {@code expected}, as JSON pointers, in document order. */
    static List<Difference> differences(JsonNode expected, JsonNode actual) {
        List<Difference> found = new ArrayList<>();
        compare(expected, actual, "", found);
        return found;
    }

    private static void compare(JsonNode expected, JsonNode actual, String pointer, List<Difference> found) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            expected.fields().forEachRemaining(member -> {
                String at = pointer + "/" + escape(member.getKey());
                if (!actual.has(member.getKey())) {
                    found.add(new Difference("removed", at, brief(member.getValue())));
                } else {
                    compare(member.getValue(), actual.get(member.getKey()), at, found);
                }
            });
            actual.fields().forEachRemaining(member -> {
                if (!expected.has(member.getKey())) {
                    found.add(new Difference("added", pointer + "/" + escape(member.getKey()), brief(member.getValue())));
                }
            });
        } else if (expected.isArray() && actual.isArray() && allScalar(expected) && allScalar(actual)) {
            // enum values, required properties, tags: name the values rather than the positions
            List<JsonNode> removed = new ArrayList<>();
            expected.forEach(removed::add);
            List<JsonNode> added = new ArrayList<>();
            actual.forEach(value -> {
                if (!removed.remove(value)) {
                    added.add(value);
                }
            });
            removed.forEach(value -> found.add(new Difference("removed", pointer, "value " + value)));
            added.forEach(value -> found.add(new Difference("added", pointer, "value " + value)));
            if (removed.isEmpty() && added.isEmpty()) {
                found.add(new Difference("changed", pointer, "order " + brief(expected) + " -> " + brief(actual)));
            }
        } else if (expected.isArray() && actual.isArray()) {
            int common = Math.min(expected.size(), actual.size());
            for (int i = 0; i < common; i++) {
                compare(expected.get(i), actual.get(i), pointer + "/" + i, found);
            }
            for (int i = common; i < expected.size(); i++) {
                found.add(new Difference("removed", pointer + "/" + i, brief(expected.get(i))));
            }
            for (int i = common; i < actual.size(); i++) {
                found.add(new Difference("added", pointer + "/" + i, brief(actual.get(i))));
            }
        } else {
            found.add(new Difference("changed", pointer, brief(expected) + " -> " + brief(actual)));
        }
    }

    private static boolean allScalar(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    static String summary(List<Difference> differences) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        differences.forEach(d -> counts.merge(d.kind(), 1, Integer::sum));
        StringBuilder text = new StringBuilder("from the committed document to the live one: ");
        String[] separator = {""};
        counts.forEach((kind, count) -> {
            text.append(separator[0]).append(count).append(' ').append(kind);
            separator[0] = ", ";
        });
        text.append(differences.size() > SHOWN ? " (the first " + SHOWN + " below)" : "").append(":\n");
        differences.stream().limit(SHOWN).forEach(d -> text.append(d).append('\n'));
        return text.toString();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String brief(JsonNode node) {
        String text = node.toString();
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }
}
