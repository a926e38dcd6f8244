package org.mentoring.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.routing.GatewayRoute;
import org.mentoring.gateway.routing.RoutePattern;
import org.mentoring.gateway.routing.RoutingTable;
import org.mentoring.gateway.routing.Upstream;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge rules on hand-written documents, without Quarkus. */
class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration T = Duration.ofSeconds(1);

    private final OpenApiMerger merger = new OpenApiMerger(new RoutingTable(List.of(
            new GatewayRoute(RoutePattern.parse("/api/v1/a"), "a", Set.of(), Set.of()),
            new GatewayRoute(RoutePattern.parse("/api/v1/b"), "b", Set.of(), Set.of())),
            Map.of("a", Upstream.of("a", URI.create("http://127.0.0.1:1"), T, T),
                    "b", Upstream.of("b", URI.create("http://127.0.0.1:2"), T, T))),
            new OpenApiMerger.OAuth("https://kc/auth", "https://kc/token", "web"), "API");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private ObjectNode merge(String a, String b) throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("a", json(a));
        documents.put("b", json(b));
        return merger.merge(documents, Set.of());
    }

    @Test
    void refsAreRewrittenEverywhereInsideTheRenamedService() throws Exception {
        ObjectNode merged = merge("""
                {'paths': {'/api/v1/a': {'post': {'requestBody': {'content': {'application/json': {'schema':
                    {'type': 'array', 'items': {'$ref': '#/components/schemas/Item'}}}}}}}},
                 'components': {'schemas': {'Item': {'type': 'string'},
                    'Wrapper': {'properties': {'item': {'$ref': '#/components/schemas/Item'}}}}}}
                """, """
                {'paths': {'/api/v1/b': {'get': {}}},
                 'components': {'schemas': {'Item': {'type': 'integer'}}}}
                """);

        assertThat(merged.at("/paths/~1api~1v1~1a/post/requestBody/content/application~1json/schema/items/$ref")
                .asText()).isEqualTo("#/components/schemas/AItem");
        assertThat(merged.at("/components/schemas/Wrapper/properties/item/$ref").asText())
                .isEqualTo("#/components/schemas/AItem");
        assertThat(merged.at("/components/schemas/BItem/type").asText()).isEqualTo("integer");
        assertThat(merged.at("/components/schemas/Item").isMissingNode()).isTrue();
    }

    @Test
    void everyAnswerDeclaresTheRateLimitHeadersAndRefusalsSayWhenToRetry() throws Exception {
        ObjectNode merged = merge("""
                {'paths': {'/api/v1/a': {'get': {'responses': {'200': {'description': 'ok'},
                    '404': {'description': 'none', 'content': {'application/problem+json': {'schema': {'$ref': '#/components/schemas/Problem'}}}}}}}},
                 'components': {'schemas': {'Problem': {'type': 'object'}}}}
                """, """
                {'paths': {'/api/v1/b': {'get': {'responses': {'200': {'description': 'ok', 'headers': {'ETag': {'schema': {'type': 'string'}}}}}}}}}
                """);

        JsonNode a = merged.at("/paths/~1api~1v1~1a/get/responses");
        for (String code : List.of("200", "404", "429", "503")) {
            assertThat(a.at("/" + code + "/headers/RateLimit/$ref").asText()).as(code).isEqualTo("#/components/headers/RateLimit");
            assertThat(a.at("/" + code + "/headers/RateLimit-Policy/$ref").asText()).as(code).isEqualTo("#/components/headers/RateLimitPolicy");
        }
        assertThat(a.at("/429/headers/Retry-After/$ref").asText()).isEqualTo("#/components/headers/RetryAfter");
        assertThat(a.at("/503/headers/Retry-After/$ref").asText()).isEqualTo("#/components/headers/RetryAfter");
        assertThat(a.at("/200/headers/Retry-After").isMissingNode()).isTrue();
        assertThat(a.at("/429/content/application~1problem+json/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem");
        JsonNode b = merged.at("/paths/~1api~1v1~1b/get/responses/200/headers");
        assertThat(b.fieldNames()).toIterable().containsExactlyInAnyOrder("ETag", "RateLimit", "RateLimit-Policy");
        assertThat(merged.at("/components/headers/RetryAfter/schema/type").asText()).isEqualTo("integer");
        assertThat(merged.at("/components/headers/RateLimit/description").asText()).contains("left");
    }

    @Test
    void pathsOnlyFromTheServiceTheyAreRoutedTo() throws Exception {
        ObjectNode merged = merge("""
                {'paths': {'/api/v1/a': {'get': {}}, '/api/v1/b/x': {'get': {'operationId': 'stray'}},
                           '/internal/debug': {'get': {}}}}
                """, """
                {'paths': {'/api/v1/b/{id}': {'get': {'operationId': 'real'}}}}
                """);

        assertThat(merged.path("paths").fieldNames()).toIterable()
                .containsExactly("/api/v1/a", "/api/v1/b/{id}");
    }

    @Test
    void anExplicitlyPublicOperationStillNeedsATokenThroughTheGateway() throws Exception {
        ObjectNode merged = merge("""
                {'paths': {'/api/v1/a': {'get': {'security': []}, 'parameters': [{'name': 'x', 'in': 'query'}]}}}
                """, "{}");

        assertThat(merged.at("/paths/~1api~1v1~1a/get/security").isMissingNode()).isTrue();
        assertThat(merged.at("/paths/~1api~1v1~1a/parameters/0/name").asText()).isEqualTo("x");
        assertThat(merged.at("/security").toString()).isEqualTo("[{\"jwt\":[]},{\"keycloak\":[]}]");
        assertThat(merged.at("/components/securitySchemes/keycloak/flows/authorizationCode/tokenUrl").asText())
                .isEqualTo("https://kc/token");
    }
}
