package org.mentoring.platform.idempotency;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.mentoring.platform.openapi.ProblemResponsesFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents the {@code Idempotency-Key} header the same way wherever an operation reads it: the header parameter
 * becomes a reference to one reusable parameter ({@value #PARAMETER}, or {@value #REQUIRED} where the key is
 * required), each success answer names the {@code Idempotent-Replayed} header, and the operation answers 422 for a
 * key used with another request. Resources only declare {@code @HeaderParam(IdempotencyKeys.HEADER)}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class IdempotencyKeyDocumentation implements OASFilter {

    static final String PARAMETER = "IdempotencyKey";
    static final String REQUIRED = "IdempotencyKeyRequired";
    static final String REPLAYED_HEADER = "IdempotentReplayed";
    static final String REUSED = "The Idempotency-Key was used before with another request";

    private static final String DESCRIPTION = "Makes a retry safe: a request repeated with the same key, path and body "
            + "within the retention (24 hours by default) is applied once and answered with the first answer (marked Idempotent-Replayed: true); "
            + "the same key with another request is refused with 422. Keys are per caller and operation; use a new one, "
            + "e.g. a UUID, for every new request.";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean used = false;
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                used |= document(operation);
            }
        }
        if (!used) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addParameter(PARAMETER, parameter(false));
        openAPI.getComponents().addParameter(REQUIRED, parameter(true));
        openAPI.getComponents().addHeader(REPLAYED_HEADER, OASFactory.createHeader()
                .description("true when this is the stored answer to an earlier request with the same Idempotency-Key")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).enumeration(List.of("true"))));
        // the 422 answers added here are problem documents like every other error; whichever filter runs first
        new ProblemResponsesFilter().filterOpenAPI(openAPI);
    }

    private static boolean document(Operation operation) {
        if (operation.getParameters() == null) {
            return false;
        }
        List<Parameter> parameters = new ArrayList<>(operation.getParameters());
        boolean found = false;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p.getIn() == Parameter.In.HEADER && IdempotencyKeys.HEADER.equalsIgnoreCase(p.getName())) {
                parameters.set(i, OASFactory.createParameter().ref(Boolean.TRUE.equals(p.getRequired()) ? REQUIRED : PARAMETER));
                found = true;
            }
        }
        if (!found) {
            return false;
        }
        operation.setParameters(parameters);
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses != null) {
            responses.forEach((code, response) -> {
                if (code.startsWith("2") && response.getRef() == null) {
                    response.addHeader(IdempotencyKeys.REPLAYED, OASFactory.createHeader().ref(REPLAYED_HEADER));
                }
            });
        }
        APIResponse unprocessable = responses == null ? null : responses.get("422");
        if (unprocessable == null) {
            operation.getResponses().addAPIResponse("422", OASFactory.createAPIResponse().description(REUSED));
        } else if (unprocessable.getDescription() == null || !unprocessable.getDescription().contains("Idempotency-Key")) {
            unprocessable.setDescription((unprocessable.getDescription() == null ? "" : unprocessable.getDescription() + "; or: ")
                    + REUSED);
        }
        return true;
    }

    private static Parameter parameter(boolean required) {
        return OASFactory.createParameter()
                .name(IdempotencyKeys.HEADER)
                .in(Parameter.In.HEADER)
                .required(required)
                .description(DESCRIPTION)
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).minLength(1).maxLength(200)
                        .examples(List.of("3f1c5a4e-8d2b-4a8e-9c1f-2b7d6e5a4c3b")));
    }
}
