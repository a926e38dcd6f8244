package org.mentoring.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.mentoring.gateway.routing.GatewayRoute;
import org.mentoring.gateway.routing.RequestPath;
import org.mentoring.gateway.routing.RoutingTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents into the one document a frontend team reads. Pure: no I/O, so the
 * rules below are unit-tested on their own.
 * <ul>
 *   <li>A path is kept only from the service the routing table sends it to: the document shows exactly the
 *       calls that work through the gateway.</li>
 *   <li>Components with the same name and the same content are kept once; when two services define one name
 *       differently, each service's version is renamed {@code <Service><Name>} and its references follow, so
 *       neither silently replaces the other.</li>
 *   <li>An {@code operationId} taken by an earlier service gets the service prefix too (generated clients
 *       need them unique).</li>
 *   <li>The services' own security schemes are replaced by the gateway's two: the bearer token ({@value #BEARER})
 *       and Keycloak's OAuth2 flows ({@value #OAUTH2}), so Swagger UI can log a developer in. Every API call
 *       through the gateway needs a token, so both are required globally and on each secured operation.</li>
 * </ul>
 */
public final class OpenApiMerger {

    public static final String BEARER = "jwt";
    public static final String OAUTH2 = "keycloak";
    /**
     * The version of the merged API (semantic versioning): the major is raised for a change that breaks a client,
     * the minor for an addition, the patch for a change of documentation only. The committed copy of the document
     * under {@code contracts/openapi} carries it, and its breaking-change check compares it with the last released
     * version.
     */
    public static final String API_VERSION = "1.1.0";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REF_PREFIX = "#/components/";
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /** Where Swagger UI sends the developer to log in, and which public client it uses. */
    public record OAuth(String authorizationUrl, String tokenUrl, String clientId) {
    }

    private final RoutingTable table;
    private final OAuth oauth;
    private final String title;
    private final JsonNode own;

    public OpenApiMerger(RoutingTable table, OAuth oauth, String title) {
        this(table, oauth, title, NODES.objectNode());
    }

    /**
     * @param own an OpenAPI fragment ({@code paths}, {@code components.schemas}) of what the gateway serves
     *            itself, merged in as is
     */
    public OpenApiMerger(RoutingTable table, OAuth oauth, String title, JsonNode own) {
        this.table = table;
        this.oauth = oauth;
        this.title = title;
        this.own = own;
    }

    /**
     * @param documents   each reachable service's document, by upstream name, in the order to merge them
     * @param unavailable upstreams whose document could not be read (named in the description)
     * @return the merged document, without {@code servers} (the caller sets the gateway's public URL)
     */
    public ObjectNode merge(Map<String, JsonNode> documents, Set<String> unavailable) {
        Map<String, Map<String, String>> renames = clashingComponentRenames(documents);
        ObjectNode paths = NODES.objectNode();
        ObjectNode components = NODES.objectNode();
        ArrayNode tags = NODES.arrayNode();
        Set<String> tagNames = new HashSet<>();
        Set<String> operationIds = new HashSet<>();
        String version = null;

        for (Map.Entry<String, JsonNode> entry : documents.entrySet()) {
            String upstream = entry.getKey();
            JsonNode document = rewriteRefs(entry.getValue().deepCopy(), renames.getOrDefault(upstream, Map.of()));
            if (version == null && document.path("openapi").isTextual()) {
                version = document.get("openapi").asText();
            }
            document.path("paths").fields().forEachRemaining(path -> {
                if (routedTo(path.getKey()).filter(upstream::equals).isPresent() && path.getValue().isObject()) {
                    ObjectNode item = (ObjectNode) path.getValue();
                    normaliseOperations(upstream, item, operationIds);
                    paths.set(path.getKey(), item);
                }
            });
            document.path("components").fields().forEachRemaining(section -> {
                if (section.getKey().equals("securitySchemes") || !section.getValue().isObject()) {
                    return;
                }
                ObjectNode merged = components.has(section.getKey())
                        ? (ObjectNode) components.get(section.getKey()) : components.putObject(section.getKey());
                section.getValue().fields().forEachRemaining(component -> merged.set(
                        renames.getOrDefault(upstream, Map.of())
                                .getOrDefault(section.getKey() + "/" + component.getKey(), component.getKey()),
                        component.getValue()));
            });
            document.path("tags").forEach(tag -> {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            });
        }

        own.path("paths").fields().forEachRemaining(path -> paths.set(path.getKey(), path.getValue().deepCopy()));
        own.path("components").path("schemas").fields().forEachRemaining(schema -> {
            ObjectNode schemas = components.has("schemas") ? (ObjectNode) components.get("schemas") : components.putObject("schemas");
            schemas.set(schema.getKey(), schema.getValue().deepCopy());
        });
        own.path("tags").forEach(tag -> {
            if (tagNames.add(tag.path("name").asText())) {
                tags.add(tag);
            }
        });

        documentAdmission(paths, components);

        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", version == null ? "3.0.3" : version);
        ObjectNode info = merged.putObject("info");
        info.put("title", title);
        info.put("version", API_VERSION);
        info.put("description", description(documents.keySet(), unavailable));
        merged.set("tags", tags);
        merged.set("paths", sorted(paths));
        components.set("securitySchemes", securitySchemes());
        merged.set("components", components);
        merged.set("security", requirements(NODES.arrayNode()));
        return merged;
    }

    static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
    static final String RATE_LIMIT = "RateLimit";
    static final String RETRY_AFTER = "Retry-After";

    /**
     * What the gateway adds to every answer of every call: each call takes a token from the caller's rate-limit bucket
     * of its class, so every answer carries {@code RateLimit-Policy} and {@code RateLimit}
     * (draft-ietf-httpapi-ratelimit-headers); an empty bucket answers 429 with {@code Retry-After}, and a service that
     * cannot be reached 503 with {@code Retry-After}. The headers are declared once under {@code components.headers}
     * and referenced from each answer, so a generated client exposes them.
     */
    private static void documentAdmission(ObjectNode paths, ObjectNode components) {
        ObjectNode headers = components.has("headers") ? (ObjectNode) components.get("headers") : components.putObject("headers");
        headers.set("RateLimitPolicy", header("The rate-limit class of this call, its quota and window in seconds, "
                + "e.g. \"default\";q=600;w=60", "string", "\"default\";q=600;w=60"));
        headers.set("RateLimit", header("What the caller has left in this class (r) and the seconds until the quota is full "
                + "again (t), e.g. \"default\";r=599;t=1", "string", "\"default\";r=599;t=1"));
        headers.set("RetryAfter", header("Seconds to wait before sending the request again", "integer", 5));
        String problem = components.path("schemas").has("Problem") ? "Problem" : "GatewayProblem";
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(field -> {
            if (!OPERATIONS.contains(field.getKey()) || !field.getValue().isObject()) {
                return;
            }
            ObjectNode operation = (ObjectNode) field.getValue();
            ObjectNode responses = operation.has("responses") && operation.get("responses").isObject()
                    ? (ObjectNode) operation.get("responses") : operation.putObject("responses");
            if (!responses.has("429")) {
                responses.set("429", problemAnswer("Too many requests in this call's rate-limit class: wait Retry-After seconds", problem));
            }
            if (!path.getKey().startsWith("/problems") && !responses.has("503")) {
                responses.set("503", problemAnswer("The service behind this path cannot be reached now: wait Retry-After seconds", problem));
            }
            responses.fields().forEachRemaining(answer -> {
                if (!answer.getValue().isObject() || answer.getValue().has("$ref")) {
                    return;
                }
                ObjectNode response = (ObjectNode) answer.getValue();
                ObjectNode declared = response.has("headers") && response.get("headers").isObject()
                        ? (ObjectNode) response.get("headers") : response.putObject("headers");
                declared.set(RATE_LIMIT_POLICY, NODES.objectNode().put("$ref", REF_PREFIX + "headers/RateLimitPolicy"));
                declared.set(RATE_LIMIT, NODES.objectNode().put("$ref", REF_PREFIX + "headers/RateLimit"));
                if (answer.getKey().equals("429") || answer.getKey().equals("503")) {
                    declared.set(RETRY_AFTER, NODES.objectNode().put("$ref", REF_PREFIX + "headers/RetryAfter"));
                }
            });
        }));
    }

    private static ObjectNode header(String description, String type, Object example) {
        ObjectNode header = NODES.objectNode().put("description", description).put("required", true);
        header.putObject("schema").put("type", type);
        if (example instanceof Integer n) {
            header.put("example", n);
        } else {
            header.put("example", String.valueOf(example));
        }
        return header;
    }

    private static ObjectNode problemAnswer(String description, String problem) {
        ObjectNode answer = NODES.objectNode().put("description", description);
        answer.putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", REF_PREFIX + "schemas/" + problem);
        return answer;
    }

    /** The upstream the routing table sends a path template such as {@code /api/v1/programmes/{id}} to. */
    private Optional<String> routedTo(String template) {
        // A template segment like {id} matches a '*' of a pattern and no literal, as a real id would.
        return RequestPath.segments(template, template).flatMap(table::resolve).map(GatewayRoute::upstream);
    }

    /**
     * For every component name two services define differently: {@code section/name -> <Service><Name>} per
     * service. Identical definitions (the shared problem document, say) are no clash.
     */
    private static Map<String, Map<String, String>> clashingComponentRenames(Map<String, JsonNode> documents) {
        Map<String, Map<String, JsonNode>> byKey = new LinkedHashMap<>();
        documents.forEach((upstream, document) -> document.path("components").fields().forEachRemaining(section -> {
            if (!section.getKey().equals("securitySchemes")) {
                section.getValue().fields().forEachRemaining(component -> byKey
                        .computeIfAbsent(section.getKey() + "/" + component.getKey(), k -> new LinkedHashMap<>())
                        .put(upstream, component.getValue()));
            }
        }));
        Map<String, Map<String, String>> renames = new HashMap<>();
        byKey.forEach((key, definitions) -> {
            if (new HashSet<>(definitions.values()).size() > 1) {
                String name = key.substring(key.indexOf('/') + 1);
                definitions.keySet().forEach(upstream -> renames.computeIfAbsent(upstream, u -> new HashMap<>())
                        .put(key, capitalised(upstream) + name));
            }
        });
        return renames;
    }

    /** Rewrites every {@code $ref} to a renamed component, anywhere in the document. */
    private static JsonNode rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return node;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(REF_PREFIX)) {
                String key = ref.asText().substring(REF_PREFIX.length());
                String renamed = renames.get(key);
                if (renamed != null) {
                    object.set("$ref", TextNode.valueOf(REF_PREFIX + key.substring(0, key.indexOf('/') + 1) + renamed));
                }
            }
            object.fields().forEachRemaining(field -> rewriteRefs(field.getValue(), renames));
        } else if (node.isArray()) {
            node.forEach(element -> rewriteRefs(element, renames));
        }
        return node;
    }

    private static void normaliseOperations(String upstream, ObjectNode pathItem, Set<String> operationIds) {
        pathItem.fields().forEachRemaining(field -> {
            if (!OPERATIONS.contains(field.getKey()) || !field.getValue().isObject()) {
                return;
            }
            ObjectNode operation = (ObjectNode) field.getValue();
            JsonNode id = operation.get("operationId");
            if (id != null && id.isTextual() && !operationIds.add(id.asText())) {
                String unique = upstream + capitalised(id.asText());
                for (int n = 2; !operationIds.add(unique); n++) {
                    unique = upstream + capitalised(id.asText()) + n;
                }
                operation.put("operationId", unique);
            }
            JsonNode security = operation.get("security");
            if (security != null && security.isArray() && !security.isEmpty()) {
                operation.set("security", requirements((ArrayNode) security));
            } else {
                // The gateway lets no anonymous call through to a service: the global requirement applies.
                operation.remove("security");
            }
        });
    }

    /**
     * The service's requirements with its scheme names mapped to the gateway's bearer scheme (scopes, which
     * SmallRye fills with the roles, kept), plus the OAuth2 alternative that Swagger UI logs in with.
     */
    private static ArrayNode requirements(ArrayNode serviceRequirements) {
        ArrayNode result = NODES.arrayNode();
        ObjectNode bearer = NODES.objectNode();
        ArrayNode scopes = bearer.putArray(BEARER);
        Set<String> seen = new HashSet<>();
        serviceRequirements.forEach(requirement -> requirement.fields().forEachRemaining(scheme ->
                scheme.getValue().forEach(scope -> {
                    if (seen.add(scope.asText())) {
                        scopes.add(scope.asText());
                    }
                })));
        result.add(bearer);
        result.addObject().putArray(OAUTH2);
        return result;
    }

    private ObjectNode securitySchemes() {
        ObjectNode schemes = NODES.objectNode();
        ObjectNode bearer = schemes.putObject(BEARER);
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        bearer.put("description", "An access token from Keycloak (realm mentoring), sent as "
                + "'Authorization: Bearer <token>'. Never in the query string.");
        ObjectNode keycloak = schemes.putObject(OAUTH2);
        keycloak.put("type", "oauth2");
        keycloak.put("description", "Log in at Keycloak with the public client '" + oauth.clientId()
                + "' (authorization code with PKCE; the password grant is for local demos only).");
        ObjectNode flows = keycloak.putObject("flows");
        ObjectNode code = flows.putObject("authorizationCode");
        code.put("authorizationUrl", oauth.authorizationUrl());
        code.put("tokenUrl", oauth.tokenUrl());
        code.putObject("scopes");
        ObjectNode password = flows.putObject("password");
        password.put("tokenUrl", oauth.tokenUrl());
        password.putObject("scopes");
        return schemes;
    }

    private static String description(Set<String> included, Set<String> unavailable) {
        String text = "Every call of the reverse mentoring platform, through its gateway. Errors are RFC 9457 "
                + "problem documents (application/problem+json). Services in this document: "
                + String.join(", ", included) + ".";
        if (!unavailable.isEmpty()) {
            text += " Not reachable when this document was built, so missing from it for now: "
                    + String.join(", ", unavailable) + ".";
        }
        return text;
    }

    private static ObjectNode sorted(ObjectNode paths) {
        List<String> names = new ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        ObjectNode result = NODES.objectNode();
        names.forEach(name -> result.set(name, paths.get(name)));
        return result;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
