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
import org.mentoring.contracts.problem.ProblemType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    /** The catalogue, as the {@code type} property's description: a client may act on the type alone. */
    static String typeDescription() {
        return "What went wrong, one of the catalogue below; each type's page (GET it at the gateway, Accept: text/html or "
                + "application/json) says what to do. A client acts on the type, never on detail. The catalogue: "
                + Arrays.stream(ProblemType.values()).map(t -> t.uri() + " (" + t.status() + ")").collect(Collectors.joining(", "))
                + ".";
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem document; errors names each invalid field")
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri-reference")
                        .description(typeDescription())
                        .examples(List.of(ProblemType.VALIDATION.uri(), ProblemType.NOT_YET_CONSISTENT.uri())))
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
