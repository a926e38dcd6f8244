package org.mentoring.gateway;

/**
 * The OpenAPI documents the stub upstreams serve: small, but with what the merge must handle. Both applicants
 * and matching define {@code Problem} identically (kept once) and {@code Page} differently (renamed per
 * service), both have an operation {@code list} (must become unique), and applicants also documents a path the
 * routing table sends to matching (must be left out).
 */
public final class StubOpenApi {

    private StubOpenApi() {
    }

    private static final String PROBLEM = """
            "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "status": {"type": "integer"}}}""";

    public static String of(String upstream) {
        return switch (upstream) {
            case "applicants" -> """
                    {"openapi": "3.1.0",
                     "info": {"title": "Applicants service", "version": "1.0"},
                     "tags": [{"name": "Programmes"}],
                     "paths": {
                       "/api/v1/programmes": {
                         "get": {"operationId": "list", "tags": ["Programmes"], "security": [{"SecurityScheme": []}],
                                 "responses": {"200": {"description": "A page",
                                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}},
                                   "401": {"description": "No token",
                                   "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}},
                         "post": {"operationId": "create", "security": [{"SecurityScheme": ["program-admin"]}],
                                  "responses": {"201": {"description": "Created"}}}},
                       "/api/v1/programmes/{programmeId}/pool": {
                         "get": {"operationId": "notMine", "responses": {"200": {"description": "Not routed here"}}}}
                     },
                     "components": {
                       "schemas": {
                         %s,
                         "Page": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Programme"}}}},
                         "Programme": {"type": "object", "properties": {"name": {"type": "string"}}}},
                       "securitySchemes": {"SecurityScheme": {"type": "http", "scheme": "bearer"}}}}
                    """.formatted(PROBLEM);
            case "matching" -> """
                    {"openapi": "3.1.0",
                     "info": {"title": "Matching service", "version": "1.0"},
                     "paths": {
                       "/api/v1/proposals": {
                         "get": {"operationId": "list", "security": [{"SecurityScheme": []}],
                                 "responses": {"200": {"description": "A page",
                                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}}}},
                       "/api/v1/programmes/{programmeId}/pool": {
                         "get": {"operationId": "pool", "security": [{"SecurityScheme": ["program-admin"]}],
                                 "responses": {"200": {"description": "The pool"}}}}
                     },
                     "components": {
                       "schemas": {
                         %s,
                         "Page": {"type": "object", "properties": {"proposals": {"type": "array", "items": {"type": "string"}}}}},
                       "securitySchemes": {"SecurityScheme": {"type": "http", "scheme": "bearer"}}}}
                    """.formatted(PROBLEM);
            case "notifications" -> """
                    {"openapi": "3.1.0",
                     "info": {"title": "Notifications service", "version": "1.0"},
                     "paths": {
                       "/api/v1/webhooks": {
                         "post": {"operationId": "subscribe", "security": [{"SecurityScheme": ["hr-integration", "platform-admin"]}],
                                  "responses": {"201": {"description": "Subscribed"}}}},
                       "/api/v1/me/notification-preferences": {
                         "get": {"operationId": "preferences", "responses": {"200": {"description": "One's preferences"}}}}
                     },
                     "components": {"schemas": {%s}}}
                    """.formatted(PROBLEM);
            default -> """
                    {"openapi": "3.1.0",
                     "info": {"title": "%s service", "version": "1.0"},
                     "paths": {
                       "/api/v1/meetings": {
                         "get": {"operationId": "meetings", "responses": {"200": {"description": "Meetings"}}}}}}
                    """.formatted(upstream);
        };
    }
}
