package org.mentoring.testsupport;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What every service must do whatever its domain: report itself ready (database and Kafka
 * reachable), serve its OpenAPI document with the bearer scheme, and answer unknown paths and bad
 * tokens with problem+json. A service's test extends it under {@code @QuarkusTest}.
 */
public abstract class ServiceBasicsContract {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** Verb and noun in lowerCamel: listProgrammes, signAgreementVersion. */
    private static final Pattern OPERATION_ID = Pattern.compile("^[a-z]+[A-Z][A-Za-z0-9]*$");

    /** A path of the service that needs a valid token; {@code null} while the service has none yet. */
    protected abstract String securedPath();

    @Test
    void isReadyWithItsDatabaseAndBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("openapi", notNullValue())
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"));
    }

    /**
     * A schema name becomes a type in every generated client: two classes of the same simple name (two {@code Status}
     * enums, say) must not come out as {@code Status} and {@code Status1}. Name them with {@code @Schema(name = ...)}.
     */
    @Test
    void namesEverySchemaWithoutANumberedCopy() {
        Map<String, Object> schemas = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("components.schemas");
        assertThat(schemas == null ? List.<String>of() : schemas.keySet().stream().filter(name -> name.matches(".*[a-z]\\d+$")).toList())
                .as("schemas named after a clash of simple class names").isEmpty();
    }

    /**
     * Frontend teams generate clients from the document: the operation id names the client's method, the tag its
     * API class, and an answer without a schema becomes {@code void} there. So every operation has an id that reads
     * as verb and noun ({@code createProgramme}, never the Java class and method such as
     * {@code ProgrammeResource_create}), exactly one tag that the document declares with a description, and a success
     * answer; every success answer with a body says what it holds, and every error answer is documented as the
     * problem document it is (SCIM's own errors aside).
     */
    @Test
    void documentsWhatEveryOperationAnswers() {
        JsonPath document = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<Map<String, Object>> declaredTags = document.getList("tags");
        Set<String> describedTags = new HashSet<>();
        if (declaredTags != null) {
            declaredTags.stream().filter(tag -> tag.get("description") instanceof String d && !d.isBlank())
                    .forEach(tag -> describedTags.add(String.valueOf(tag.get("name"))));
        }
        Set<String> ids = new HashSet<>();
        List<String> gaps = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> operation) || !OPERATIONS.contains(method)) {
                return;
            }
            String where = method.toUpperCase(Locale.ROOT) + " " + path;
            Object id = operation.get("operationId");
            if (id == null) {
                gaps.add(where + ": no operationId");
            } else if (!OPERATION_ID.matcher(id.toString()).matches() || id.toString().contains("Resource")) {
                gaps.add(where + ": operationId " + id + " is not a verb and a noun in lowerCamel (listProgrammes)");
            } else if (!ids.add(id.toString())) {
                gaps.add(where + ": operationId " + id + " is used twice");
            }
            List<?> tags = operation.get("tags") instanceof List<?> t ? t : List.of();
            if (tags.size() != 1) {
                gaps.add(where + ": " + tags.size() + " tags instead of one");
            } else if (!describedTags.contains(String.valueOf(tags.get(0)))) {
                gaps.add(where + ": tag " + tags.get(0) + " is not declared with a description");
            }
            Map<?, ?> responses = operation.get("responses") instanceof Map<?, ?> r ? r : Map.of();
            List<String> success = responses.keySet().stream().map(String::valueOf).filter(code -> code.startsWith("2")).toList();
            if (success.isEmpty()) {
                gaps.add(where + ": no 2xx response");
            }
            responses.forEach((code, response) -> {
                boolean error = String.valueOf(code).startsWith("4") || String.valueOf(code).startsWith("5");
                if (error && !path.startsWith("/scim/")
                        && !(response instanceof Map<?, ?> r && r.get("content") instanceof Map<?, ?> c && c.containsKey("application/problem+json"))) {
                    gaps.add(where + " " + code + ": an error answer that is not documented as application/problem+json");
                }
            });
            gaps.addAll(preconditionGaps(where, operation, responses));
            for (String code : success) {
                if (code.equals("201") && !(((Map<?, ?>) responses.get(code)).get("headers") instanceof Map<?, ?> h
                        && h.containsKey("Location"))) {
                    gaps.add(where + " 201: the Location header is not declared");
                }
                if (code.equals("204")) {
                    continue;
                }
                Object content = ((Map<?, ?>) responses.get(code)).get("content");
                if (!(content instanceof Map<?, ?> media) || media.isEmpty()) {
                    gaps.add(where + " " + code + ": no content (answer 204 if there is no body)");
                    continue;
                }
                media.forEach((type, entry) -> {
                    if (!(entry instanceof Map<?, ?> m) || m.get("schema") == null) {
                        gaps.add(where + " " + code + " " + type + ": no schema");
                    }
                });
            }
        }));
        assertThat(gaps).as("operations whose answers the OpenAPI document does not describe").isEmpty();
    }

    /**
     * A write that is refused without If-Match (it documents 428) declares the header required, and one that declares
     * it required documents 412 and 428, so a generated client makes the caller pass the ETag. Where If-Match is
     * optional (SCIM), 428 is never the answer. An answer's ETag is documented as a response header where the
     * operation takes a required If-Match: the client reads the next version from it.
     */
    private static List<String> preconditionGaps(String where, Map<?, ?> operation, Map<?, ?> responses) {
        List<String> gaps = new ArrayList<>();
        Map<?, ?> ifMatch = null;
        if (operation.get("parameters") instanceof List<?> parameters) {
            for (Object parameter : parameters) {
                if (parameter instanceof Map<?, ?> p && "header".equals(p.get("in")) && "If-Match".equals(p.get("name"))) {
                    ifMatch = p;
                }
            }
        }
        boolean required = ifMatch != null && Boolean.TRUE.equals(ifMatch.get("required"));
        if (responses.containsKey("428") && !required) {
            gaps.add(where + ": answers 428 but does not declare If-Match required");
        }
        if (required && !(responses.containsKey("412") && responses.containsKey("428"))) {
            gaps.add(where + ": requires If-Match but does not document both 412 and 428");
        }
        if (ifMatch != null && !(ifMatch.get("description") instanceof String d && !d.isBlank())) {
            gaps.add(where + ": If-Match without a description");
        }
        if (required && responses.keySet().stream().map(String::valueOf).filter(code -> code.startsWith("2") && !code.equals("204"))
                .anyMatch(code -> !(((Map<?, ?>) responses.get(code)).get("headers") instanceof Map<?, ?> h && h.containsKey("ETag")))) {
            gaps.add(where + ": requires If-Match but its success answer does not declare the ETag header");
        }
        return gaps;
    }

    /**
     * A strict client (Java, Kotlin, Swift) decodes an answer only when the schema says which properties are always
     * there and which may be null. The rule: a property of an answer is always sent and listed in {@code required};
     * when it may be null its schema says so ({@code type: [X, "null"]}, or {@code anyOf} with {@code {type: "null"}});
     * a property not in {@code required} is left out when it has no value and is never null. A schema that request
     * bodies use as well keeps the request's {@code required}. Whether the answers really keep to it, every test of the
     * service checks on each answer it receives ({@link ResponseSchemaCheck}).
     */
    @Test
    void saysWhichPropertiesOfAnAnswerAreAlwaysThereAndWhichMayBeNull() {
        Map<String, Object> document = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("$");
        SchemaCheck check = new SchemaCheck(document);
        Map<String, Map<String, Object>> schemas = schemas(document);
        Set<String> answers = reachable(document, true);
        Set<String> requests = reachable(document, false);
        List<String> gaps = new ArrayList<>();
        for (String name : answers) {
            Map<String, Object> schema = schemas.get(name);
            if (schema == null || !(schema.get("properties") instanceof Map<?, ?> properties) || properties.isEmpty() || requests.contains(name)) {
                continue;
            }
            List<?> required = schema.get("required") instanceof List<?> r ? r : List.of();
            if (required.isEmpty()) {
                gaps.add(name + ": no required properties");
            }
            properties.forEach((property, value) -> {
                if (!required.contains(property) && value instanceof Map<?, ?> p && check.nullable(p)) {
                    gaps.add(name + "." + property + ": nullable but not required (a property left out when empty is never null)");
                }
            });
        }
        assertThat(gaps).as("answer schemas that do not say what is always sent and what may be null").isEmpty();
    }

    /** The check of every answer against the document is on for the service's tests (see {@link CheckResponsesAgainstSchema}). */
    @Test
    void checksEveryAnswerItsTestsReceiveAgainstTheDocument() {
        assertThat(io.restassured.RestAssured.filters()).contains(ResponseSchemaCheck.INSTANCE);
        List<String> violations = ResponseSchemaCheck.INSTANCE.violations("GET", "/q/openapi", 200, "application/json", "{}");
        assertThat(violations).isEmpty(); // a path the document does not list is not checked
    }

    /**
     * A fixed list of values is a named enum, so that every generated client has one type for it (and the same one
     * wherever it occurs): no property or array item of a schema carries an inline {@code enum}.
     */
    @Test
    void namesEveryEnum() {
        Map<String, Object> document = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("$");
        List<String> inline = new ArrayList<>();
        schemas(document).forEach((name, schema) -> inlineEnums(schema, name, true, inline));
        assertThat(inline).as("inline enums (declare a Java enum, or @Schema(implementation = TheEnum.class) on a String)").isEmpty();
    }

    private static void inlineEnums(Object node, String where, boolean top, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            if (!top && map.containsKey("enum")) {
                found.add(where);
            }
            map.forEach((key, value) -> {
                if (!"enum".equals(key) && !"examples".equals(key) && !"example".equals(key)) {
                    inlineEnums(value, where + "." + key, false, found);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> inlineEnums(item, where, false, found));
        }
    }

    /** Every request body shows an example of what to send, and the example is valid against the body's schema. */
    @Test
    void showsAValidExampleOfEveryRequestBody() {
        JsonPath json = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> document = json.getMap("$");
        SchemaCheck check = new SchemaCheck(document);
        List<String> gaps = new ArrayList<>();
        Map<String, Map<String, Object>> paths = json.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> operation) || !OPERATIONS.contains(method)
                    || !(operation.get("requestBody") instanceof Map<?, ?> body) || !(body.get("content") instanceof Map<?, ?> content)) {
                return;
            }
            content.forEach((media, entry) -> {
                String where = method.toUpperCase(Locale.ROOT) + " " + path + " " + media;
                Map<?, ?> m = (Map<?, ?>) entry;
                Object example = m.get("example");
                if (example == null && m.get("examples") instanceof Map<?, ?> examples && !examples.isEmpty()
                        && examples.values().iterator().next() instanceof Map<?, ?> first) {
                    example = first.get("value");
                }
                if (example == null) {
                    gaps.add(where + ": no example");
                } else if (String.valueOf(media).endsWith("json") && !(example instanceof String) && m.get("schema") instanceof Map<?, ?> schema) {
                    check.violations(example, schema, "example").forEach(v -> gaps.add(where + ": " + v));
                }
            });
        }));
        assertThat(gaps).as("request bodies without a valid example").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> schemas(Map<String, Object> document) {
        Object components = document.get("components");
        Object schemas = components instanceof Map<?, ?> c ? c.get("schemas") : null;
        return schemas instanceof Map<?, ?> s ? (Map<String, Map<String, Object>>) s : Map.of();
    }

    /** The component schemas the success answers (or the request bodies) use, directly or through others. */
    private static Set<String> reachable(Map<String, Object> document, boolean answers) {
        Map<String, Map<String, Object>> schemas = schemas(document);
        Set<String> names = new HashSet<>();
        List<Object> roots = new ArrayList<>();
        ((Map<?, ?>) document.get("paths")).values().forEach(item -> ((Map<?, ?>) item).forEach((method, value) -> {
            if (value instanceof Map<?, ?> operation && OPERATIONS.contains(String.valueOf(method))) {
                if (answers && operation.get("responses") instanceof Map<?, ?> responses) {
                    responses.forEach((code, response) -> {
                        if (String.valueOf(code).startsWith("2")) {
                            roots.add(response);
                        }
                    });
                } else if (!answers && operation.get("requestBody") != null) {
                    roots.add(operation.get("requestBody"));
                }
            }
        }));
        roots.forEach(root -> references(root, schemas, names));
        return names;
    }

    private static void references(Object node, Map<String, Map<String, Object>> schemas, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("$ref") instanceof String ref && ref.startsWith("#/components/schemas/")) {
                String name = ref.substring("#/components/schemas/".length());
                if (names.add(name)) {
                    references(schemas.get(name), schemas, names);
                }
            }
            map.values().forEach(value -> references(value, schemas, names));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> references(item, schemas, names));
        }
    }

    @Test
    void unknownPathsAreProblemJson() {
        given().auth().oauth2(TestTokens.admin("admin")).get("/api/v1/no-such-thing").then()
                .statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("instance", equalTo("/api/v1/no-such-thing"));
    }

    @Test
    void refusesMissingAndForgedTokensWithProblemJson() {
        Assumptions.assumeTrue(securedPath() != null, "the service has no secured endpoint yet");
        given().get(securedPath()).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
        for (String bad : new String[]{TestTokens.signedByStranger("x", TestTokens.ADMIN), TestTokens.expired("x", TestTokens.ADMIN),
                TestTokens.wrongIssuer("x", TestTokens.ADMIN), TestTokens.wrongAudience("x", TestTokens.ADMIN)}) {
            given().auth().oauth2(bad).get(securedPath()).then().statusCode(401).contentType("application/problem+json");
        }
    }
}
