package org.mentoring.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.mentoring.contracts.problem.Problem;

import java.util.List;
import java.util.Map;

/**
 * Every error answer of every service is an RFC 9457 problem document (see {@code Problems}); this filter says so
 * in the OpenAPI document, so that generated clients get a typed error: each 4xx and 5xx response declared without
 * a body gets {@code application/problem+json} with the {@value #SCHEMA} schema, which is added to the components.
 * SCIM paths are left alone: their errors follow SCIM's error schema.
 * Registered for every service through {@code mp.openapi.filter} in the shared configuration.
 */
public class ProblemResponsesFilter implements OASFilter {

    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean used = false;
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (path.getKey().startsWith("/scim/")) {
                continue; // SCIM answers errors in SCIM's own schema (RFC 7644), as application/scim+json
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (Map.Entry<String, APIResponse> entry : operation.getResponses().getAPIResponses().entrySet()) {
                    String code = entry.getKey();
                    APIResponse response = entry.getValue();
                    boolean error = code.startsWith("4") || code.startsWith("5");
                    boolean bodyless = response.getContent() == null || response.getContent().getMediaTypes() == null
                            || response.getContent().getMediaTypes().isEmpty();
                    if (error && bodyless && response.getRef() == null) {
                        response.setContent(problemContent());
                        used = true;
                    }
                }
            }
        }
        if (used) {
            if (openAPI.getComponents() == null) {
                openAPI.setComponents(OASFactory.createComponents());
            }
            if (openAPI.getComponents().getSchemas() == null || !openAPI.getComponents().getSchemas().containsKey(SCHEMA)) {
                openAPI.getComponents().addSchema(SCHEMA, problemSchema());
            }
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/" + SCHEMA)));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem document; errors names each invalid field")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .examples(List.of(Problem.TYPE_BASE + "validation")))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32"))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                                .addProperty("field", string)
                                .addProperty("message", string)));
    }
}
