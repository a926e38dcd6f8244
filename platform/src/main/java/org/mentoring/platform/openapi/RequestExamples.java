package org.mentoring.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gives every request body an example, so that a developer sees at once what to send and a mock server (Prism) has
 * one to answer with: a body declared with its own example keeps it; any other gets one built from its schema, every
 * property filled with a value its schema allows (the property's own example, the first enum value, a value of its
 * format, a text that fits its pattern and length, a number within its bounds, one item per array).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RequestExamples implements OASFilter {

    private static final String PREFIX = "#/components/schemas/";
    /** Texts tried, in order, for a string with a pattern; the first that matches is used. */
    private static final List<String> CANDIDATES = List.of("Text", "en", "DE", "OPEN", "generation", "example",
            "https://hr.example.org/webhooks/mentoring", "mentoring.agreement.*", "IN_PERSON", "09:00", "Europe/Berlin", "1");

    /** Values for properties whose name says what they hold. */
    private static final Map<String, String> HINTS = Map.of(
            "url", "https://hr.example.org/webhooks/mentoring",
            "videoLink", "https://meet.example.org/abc-defg",
            "language", "en",
            "eventTypes", "mentoring.agreement.*",
            "place", "Room 2.14, main building",
            "owners", "8c1f0d2e-3b4a-4c5d-9e6f-7a8b9c0d1e2f",
            "reason", "Asked for by the person, ticket HR-1234");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of() : openAPI.getComponents().getSchemas();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                        || operation.getRequestBody().getContent().getMediaTypes() == null) {
                    continue;
                }
                for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
                    boolean has = media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty());
                    if (!has && media.getSchema() != null) {
                        media.setExample(example(media.getSchema(), components, null, 0));
                    }
                }
            }
        }
    }

    /** A value the schema accepts. */
    static Object example(Schema schema, Map<String, Schema> components, String property, int depth) {
        if (schema.getRef() != null && schema.getRef().startsWith(PREFIX)) {
            Schema target = components.get(schema.getRef().substring(PREFIX.length()));
            return target == null || depth > 8 ? null : example(target, components, property, depth + 1);
        }
        if (schema.getExamples() != null && !schema.getExamples().isEmpty()) {
            return schema.getExamples().get(0);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().get(0);
        }
        for (List<Schema> alternatives : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (alternatives != null) {
                for (Schema alternative : alternatives) {
                    if (!List.of(Schema.SchemaType.NULL).equals(alternative.getType())) {
                        return example(alternative, components, property, depth + 1);
                    }
                }
            }
        }
        List<Schema.SchemaType> types = schema.getType() == null ? List.of() : schema.getType().stream()
                .filter(t -> t != Schema.SchemaType.NULL).toList();
        Schema.SchemaType type = types.isEmpty() ? (schema.getProperties() != null ? Schema.SchemaType.OBJECT : Schema.SchemaType.STRING)
                : types.get(0);
        return switch (type) {
            case OBJECT -> object(schema, components, depth);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                int count = Math.max(1, schema.getMinItems() == null ? 1 : schema.getMinItems());
                for (int i = 0; i < count && schema.getItems() != null; i++) {
                    items.add(example(schema.getItems(), components, property == null ? null : property + " " + (i + 1), depth + 1));
                }
                yield items;
            }
            case INTEGER -> number(schema, 1).longValue();
            case NUMBER -> number(schema, 0.5);
            case BOOLEAN -> Boolean.TRUE;
            default -> text(schema, property);
        };
    }

    private static Map<String, Object> object(Schema schema, Map<String, Schema> components, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                if (!Boolean.TRUE.equals(property.getReadOnly())) {
                    object.put(name, example(property, components, name, depth + 1));
                }
            });
        } else if (schema.getAdditionalPropertiesSchema() != null) {
            object.put("key", example(schema.getAdditionalPropertiesSchema(), components, "key", depth + 1));
        }
        return object;
    }

    private static Number number(Schema schema, double preferred) {
        BigDecimal min = schema.getMinimum();
        BigDecimal max = schema.getMaximum();
        double value = preferred;
        if (min != null && value < min.doubleValue()) {
            value = min.doubleValue();
        }
        if (max != null && value > max.doubleValue()) {
            value = max.doubleValue();
        }
        return value;
    }

    private static String text(Schema schema, String property) {
        String format = schema.getFormat();
        if (format != null) {
            switch (format) {
                case "uuid":
                    return "3f2b8c1e-6d4a-4b7e-9c0f-1a2b3c4d5e6f";
                case "date":
                    return "2026-03-02";
                case "date-time":
                    return "2026-03-02T09:00:00Z";
                case "uri", "url":
                    return "https://hr.example.org/webhooks/mentoring";
                case "email":
                    return "ada@example.org";
                default:
                    break;
            }
        }
        List<String> candidates = new ArrayList<>();
        if (property != null) {
            String name = property.replaceAll(" \\d+$", "");
            if (HINTS.containsKey(name)) {
                candidates.add(HINTS.get(name));
            }
            candidates.add(property);
        }
        candidates.addAll(CANDIDATES);
        for (String candidate : candidates) {
            if (fits(schema, candidate)) {
                return candidate;
            }
        }
        return "Text";
    }

    /** JSON Schema patterns are searched, Bean Validation ones matched whole: a pattern of one character class is the former. */
    private static boolean anchoredFit(String pattern, String text) {
        return pattern.equals("\\S") || Pattern.compile(pattern).matcher(text).matches();
    }

    private static boolean fits(Schema schema, String text) {
        if (schema.getMaxLength() != null && text.length() > schema.getMaxLength()) {
            return false;
        }
        if (schema.getMinLength() != null && text.length() < schema.getMinLength()) {
            return false;
        }
        return schema.getPattern() == null || Pattern.compile(schema.getPattern()).matcher(text).find() && anchoredFit(schema.getPattern(), text);
    }
}
