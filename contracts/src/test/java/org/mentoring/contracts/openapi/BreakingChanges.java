package org.mentoring.contracts.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.DiffContext;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.model.schema.ChangedEnum;
import org.openapitools.openapidiff.core.model.schema.ChangedNullable;
import org.openapitools.openapidiff.core.model.schema.ChangedRequired;
import org.openapitools.openapidiff.core.output.ConsoleRender;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The changes from one API document to the next that break a client written against the first, each in one
 * sentence naming the operation and the field. The comparison is openapi-diff's, on the 3.0 view of both
 * documents ({@link OpenApi30View}), plus three judgements of its own where openapi-diff calls a change compatible
 * that breaks the clients generated from this document:
 * <ul>
 *   <li>a response value that may now be null (generated models do not expect it; openapi-diff counts every
 *       {@code nullable} change as compatible), and a request value that may no longer be null;</li>
 *   <li>an enum value removed from a response (the generated enum loses the constant that client code names).</li>
 * </ul>
 * {@link ReferenceChanges} adds what openapi-diff does not compare at all: references that now point elsewhere, and
 * the nullability of references.
 */
final class BreakingChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChangedOpenApi diff;
    /** What breaks, in words, with the operations it breaks in, in the order found. */
    private final Map<String, Set<String>> found = new LinkedHashMap<>();
    /** The schemas being walked (schemas can contain themselves). */
    private final Set<ChangedSchema> walking = Collections.newSetFromMap(new IdentityHashMap<>());
    private String operation;

    private BreakingChanges(ChangedOpenApi diff) {
        this.diff = diff;
    }

    /** The openapi-diff comparison of the two documents' 3.0 views. */
    static ChangedOpenApi compare(JsonNode older, JsonNode newer) {
        try {
            return OpenApiCompare.fromContents(JSON.writeValueAsString(OpenApi30View.of(older)),
                    JSON.writeValueAsString(OpenApi30View.of(newer)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What breaks a client of {@code older} when the API becomes {@code newer}; empty when nothing does. */
    static List<String> between(JsonNode older, JsonNode newer) {
        List<String> lines = new ArrayList<>(ReferenceChanges.between(older, newer));
        lines.addAll(0, of(compare(older, newer)));
        return lines;
    }

    static List<String> of(ChangedOpenApi diff) {
        BreakingChanges changes = new BreakingChanges(diff);
        changes.collect();
        List<String> lines = new ArrayList<>();
        changes.found.forEach((what, operations) -> {
            List<String> named = new ArrayList<>(operations);
            String where = named.isEmpty() ? "" : String.join(", ", named.subList(0, Math.min(3, named.size())))
                    + (named.size() > 3 ? " and " + (named.size() - 3) + " more operations" : "") + ": ";
            lines.add(where + what);
        });
        if (lines.stream().anyMatch(line -> line.contains("report below"))) {
            lines.add(render(diff));
        }
        return lines;
    }

    private void add(String what) {
        found.computeIfAbsent(what, w -> new LinkedHashSet<>()).add(operation);
    }

    private void collect() {
        for (Endpoint removed : diff.getMissingEndpoints()) {
            String id = removed.getOperation() == null ? null : removed.getOperation().getOperationId();
            operation = removed.getMethod() + " " + removed.getPathUrl();
            add("the operation" + (id == null ? "" : " " + id) + " was removed");
        }
        for (ChangedOperation changed : diff.getChangedOperations()) {
            operation = changed.getHttpMethod() + " " + changed.getPathUrl();
            int before = count();
            parameters(changed.getParameters());
            requestBody(changed.getRequestBody());
            responses(changed.getApiResponses());
            if (changed.getSecurityRequirements() != null
                    && changed.getSecurityRequirements().isChanged().isIncompatible()) {
                add("its security requirements changed (a token that worked may no longer do)");
            }
            if (count() == before && changed.isChanged().isIncompatible()) {
                add("changed incompatibly (openapi-diff's report below)");
            }
        }
        operation = null;
        if (diff.isChanged().isIncompatible() && found.isEmpty()) {
            found.put("openapi-diff reports an incompatible change (its report below)", new LinkedHashSet<>());
        }
    }

    /** How many (change, operation) pairs have been found so far. */
    private int count() {
        return found.values().stream().mapToInt(Set::size).sum();
    }

    private void parameters(ChangedParameters parameters) {
        if (parameters == null) {
            return;
        }
        for (Parameter added : parameters.getIncreased()) {
            if (Boolean.TRUE.equals(added.getRequired())) {
                add("new required " + added.getIn() + " parameter '" + added.getName() + "'");
            }
        }
        if (parameters.isCoreChanged().isIncompatible()) {
            for (Parameter removed : parameters.getMissing()) {
                add(removed.getIn() + " parameter '" + removed.getName() + "' was removed");
            }
        }
        for (ChangedParameter changed : parameters.getChanged()) {
            String where = changed.getIn() + " parameter '" + changed.getName() + "'";
            if (changed.isChangeRequired() && changed.getNewParameter() != null
                    && Boolean.TRUE.equals(changed.getNewParameter().getRequired())) {
                add(where + " is now required");
            }
            schema(where, "", changed.getSchema());
            content(where, changed.getContent());
        }
    }

    private void requestBody(ChangedRequestBody body) {
        if (body == null) {
            return;
        }
        if (body.isChangeRequired() && body.getNewRequestBody() != null
                && Boolean.TRUE.equals(body.getNewRequestBody().getRequired())) {
            add("the request body is now required");
        }
        content("request body", body.getContent());
    }

    private void responses(ChangedApiResponse responses) {
        if (responses == null) {
            return;
        }
        if (responses.isCoreChanged().isIncompatible()) {
            responses.getMissing().keySet().forEach(code -> add("response " + code + " was removed"));
        }
        for (Map.Entry<String, ChangedResponse> response : responses.getChanged().entrySet()) {
            String where = "response " + response.getKey();
            content(where, response.getValue().getContent());
            headers(where, response.getValue().getHeaders());
        }
    }

    private void headers(String where, ChangedHeaders headers) {
        if (headers == null) {
            return;
        }
        if (headers.isCoreChanged().isIncompatible()) {
            headers.getMissing().keySet().forEach(name -> add(where + ": header " + name + " was removed"));
        }
        headers.getChanged().forEach((name, header) -> {
            if (header.isCoreChanged().isIncompatible()) {
                add(where + ": header " + name + " changed incompatibly (required, style or explode)");
            }
            schema(where + " header " + name, "", header.getSchema());
        });
    }

    private void content(String where, ChangedContent content) {
        if (content == null) {
            return;
        }
        if (content.isCoreChanged().isIncompatible()) {
            content.getMissing().keySet().forEach(type -> add(where + ": " + type + " is no longer offered"));
        }
        content.getChanged().forEach((type, media) -> schema(where + " " + type, "", media.getSchema()));
    }

    private void schema(String where, String field, ChangedSchema schema) {
        if (schema == null || !walking.add(schema)) {
            return;
        }
        try {
            walk(where, field, schema);
        } finally {
            walking.remove(schema);
        }
    }

    private void walk(String where, String field, ChangedSchema schema) {
        DiffContext context = schema.getContext();
        boolean request = context != null && context.isRequest();
        boolean response = context != null && context.isResponse();
        String at = where + (field.isEmpty() ? "" : ", field " + field);
        String name = field.isEmpty() ? "" : field + ".";

        if (schema.isChangedType() && schema.isCoreChanged().isIncompatible()) {
            add(at + ": type changed from " + type(schema.getOldSchema()) + " to " + type(schema.getNewSchema()));
            return;
        }
        if (response) {
            schema.getMissingProperties().keySet().forEach(property ->
                    add(where + ": field " + name + property + " was removed from the response"));
        }
        ChangedRequired required = schema.getRequired();
        if (required != null && required.isChanged().isIncompatible()) {
            if (request) {
                required.getIncreased().forEach(property ->
                        add(where + ": field " + name + property + " is now required in the request"));
            }
            if (response) {
                required.getMissing().forEach(property -> add(where + ": field " + name + property
                        + " is no longer always in the response"));
            }
        }
        ChangedEnum<?> values = schema.getEnumeration();
        if (values != null) {
            if (!values.getMissing().isEmpty() && (request || response)) {
                add(at + ": enum value(s) " + values.getMissing() + " removed"
                        + (request ? " (a client sending one is refused)"
                        : " (generated clients lose the constant their code names)"));
            }
            if (response && !values.getIncreased().isEmpty()) {
                add(at + ": new enum value(s) " + values.getIncreased()
                        + " in a response (a client with a closed enum cannot read them)");
            }
        }
        ChangedNullable nullable = schema.getNullable();
        if (nullable != null) {
            boolean was = Boolean.TRUE.equals(nullable.getLeft());
            boolean is = Boolean.TRUE.equals(nullable.getRight());
            if (response && !was && is) {
                add(at + ": may now be null in the response");
            }
            if (request && was && !is) {
                add(at + ": may no longer be null in the request");
            }
        }
        for (Changed element : schema.getChangedElements()) {
            if (element == null || element instanceof ChangedSchema || element instanceof ChangedEnum
                    || element instanceof ChangedRequired || element instanceof ChangedNullable) {
                continue;
            }
            if (element.isChanged().isIncompatible()) {
                add(at + ": " + constraint(element) + " changed incompatibly");
            }
        }
        schema.getChangedProperties().forEach((property, changed) -> schema(where, name + property, changed));
        schema(where, field + "[]", schema.getItems());
        schema(where, field + "{}", schema.getAddProp());
        if (schema.getOneOfSchema() != null) {
            if (schema.getOneOfSchema().isCoreChanged().isIncompatible()) {
                schema.getOneOfSchema().getMissing().keySet().forEach(variant ->
                        add(at + ": oneOf variant " + variant + " was removed"));
            }
            schema.getOneOfSchema().getChanged().forEach((variant, changed) ->
                    schema(where, field + "(" + variant + ")", changed));
        }
    }

    private static String constraint(Changed element) {
        String name = element.getClass().getSimpleName().replaceFirst("^Changed", "");
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String type(Schema<?> schema) {
        if (schema == null) {
            return "nothing";
        }
        String type = schema.getType() == null ? (schema.getProperties() != null ? "object" : "any") : schema.getType();
        return schema.getFormat() == null ? type : type + " (" + schema.getFormat() + ")";
    }

    /** openapi-diff's own report, for what the sentences above do not name. */
    static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        new ConsoleRender().render(diff, writer);
        return out.toString(StandardCharsets.UTF_8);
    }
}
