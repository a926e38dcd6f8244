package org.mentoring.testsupport;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A REST Assured filter that checks every JSON answer a test receives against the service's own OpenAPI document:
 * each {@code null} the server sends is declared nullable, each required property is present, each value fits its
 * type and enum. A strict generated client (Java, Kotlin, Swift) fails on exactly these. Use it as
 * {@code given().filter(ResponseSchemaCheck.INSTANCE)}; a mismatch fails the request with the JSON paths at fault.
 */
public final class ResponseSchemaCheck implements Filter {

    public static final ResponseSchemaCheck INSTANCE = new ResponseSchemaCheck();

    private volatile Map<String, Object> document;

    private ResponseSchemaCheck() {
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext context) {
        Response response = context.next(request, responseSpec);
        String contentType = response.getContentType();
        String path = URI.create(request.getURI()).getPath();
        if (response.getStatusCode() >= 300 || contentType == null || !contentType.contains("json") || response.asByteArray().length == 0
                || !path.startsWith("/api/")) {
            return response; // errors are problem documents; SCIM and the /q/ endpoints follow schemas of their own
        }
        List<String> violations = violations(request.getMethod(), path, response.getStatusCode(), contentType, response.asString());
        if (!violations.isEmpty()) {
            throw new AssertionError("The answer to " + request.getMethod() + " " + request.getURI() + " does not fit its OpenAPI schema:\n  "
                    + String.join("\n  ", violations));
        }
        return response;
    }

    /** What in the JSON answer does not fit the schema the document declares for it. */
    public List<String> violations(String method, String path, int status, String contentType, String body) {
        Map<String, Object> doc = document();
        SchemaCheck check = new SchemaCheck(doc);
        Map<?, ?> operation = operation(doc, method.toLowerCase(Locale.ROOT), path);
        if (operation == null) {
            return List.of(); // a path the document leaves out is the contract test's business
        }
        Map<?, ?> responses = (Map<?, ?>) operation.get("responses");
        Object answer = responses.get(String.valueOf(status));
        if (!(answer instanceof Map<?, ?> a) || !(a.get("content") instanceof Map<?, ?> content)) {
            return List.of(method + " " + path + " does not document " + status + " with a body");
        }
        String media = contentType.split(";")[0].trim();
        Object entry = content.containsKey(media) ? content.get(media) : content.values().iterator().next();
        if (!(entry instanceof Map<?, ?> e) || !(e.get("schema") instanceof Map<?, ?> schema)) {
            return List.of(method + " " + path + " " + status + " has no schema");
        }
        Object value = new JsonPath(body).get("$");
        return check.violations(value, schema, "$");
    }

    private Map<String, Object> document() {
        Map<String, Object> doc = document;
        if (doc == null) {
            doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("$");
            document = doc;
        }
        return doc;
    }

    /** The operation whose path template matches, the one with the fewest templated segments first. */
    private static Map<?, ?> operation(Map<String, Object> doc, String method, String path) {
        Map<?, ?> paths = (Map<?, ?>) doc.get("paths");
        List<String> templates = new ArrayList<>();
        for (Object key : paths.keySet()) {
            String template = String.valueOf(key);
            String regex = template.replaceAll("\\{[^}/]+}", "[^/]+").replace(".", "\\.");
            if (path.matches(regex) && paths.get(key) instanceof Map<?, ?> item && item.get(method) instanceof Map<?, ?>) {
                templates.add(template);
            }
        }
        return templates.stream().min(Comparator.comparingLong(t -> t.chars().filter(c -> c == '{').count()))
                .map(t -> (Map<?, ?>) ((Map<?, ?>) paths.get(t)).get(method)).orElse(null);
    }
}
