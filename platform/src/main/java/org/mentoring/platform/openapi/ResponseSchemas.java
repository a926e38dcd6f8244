package org.mentoring.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes the schemas of the answers say what a strict client (Java, Kotlin, Swift) needs to decode them. The rule,
 * the same in every service:
 * <ul>
 *     <li>A property of an answer is always sent, so it is listed in {@code required}. When it may be {@code null} the
 *     Java component says so with {@code @Schema(nullable = true)}, and the document declares it nullable:
 *     {@code type: [X, "null"]}, or {@code anyOf: [{$ref}, {type: "null"}]} for a named schema (OpenAPI 3.1).</li>
 *     <li>A property Jackson leaves out when it has no value ({@code @JsonInclude(NON_NULL)} or {@code NON_EMPTY} on the
 *     component or its record) is not required and never {@code null}: absent means none.</li>
 * </ul>
 * The Java class behind each schema is found in the application's index by its {@code @Schema(name)} or simple name.
 * A schema that requests also use (a body and an answer share it) keeps the {@code required} of the request.
 * <p>
 * Besides, every property whose values are a fixed list names its enum: an inline {@code enum} that equals a named
 * enum schema becomes a reference to it, and a reference carries no {@code type} of its own next to it.
 * <p>
 * Last, two shapes on which openapi-generator warns (the clients' builds fail on any generator warning) are written the
 * way it reads them: an answer's single named example is the media type's {@code example}, and the schema SmallRye
 * names after {@code java.time.LocalDate} is written inline where it is used.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ResponseSchemas implements OASFilter {

    static final String PREFIX = "#/components/schemas/";
    private static final DotName SCHEMA = DotName.createSimple("org.eclipse.microprofile.openapi.annotations.media.Schema");
    private static final DotName JSON_INCLUDE = DotName.createSimple("com.fasterxml.jackson.annotation.JsonInclude");
    private static final Set<String> OMITTING = Set.of("NON_NULL", "NON_EMPTY", "NON_ABSENT", "NON_DEFAULT");
    /** Schemas written inline rather than as components (see {@link #inlineJavaNamedSchemas}). */
    private static final List<String> INLINED = List.of("LocalDate");

    private final IndexView index;

    public ResponseSchemas(IndexView index) {
        this.index = index;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        singleAnswerExamples(openAPI);
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        namedEnums(openAPI.getComponents());
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        Set<String> answers = reachable(components, openAPI, true);
        Set<String> requests = reachable(components, openAPI, false);
        Map<String, List<ClassInfo>> classes = classesByName();
        for (Map.Entry<String, Schema> component : components.entrySet()) {
            Schema schema = component.getValue();
            if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
                ClassInfo type = classOf(component.getKey(), schema, classes);
                if (type != null) {
                    declaredNullable(type, schema);
                }
            }
        }
        for (String name : answers) {
            Schema schema = components.get(name);
            if (schema == null || schema.getProperties() == null || schema.getProperties().isEmpty() || requests.contains(name)) {
                continue;
            }
            ClassInfo type = classOf(name, schema, classes);
            if (type == null) {
                continue;
            }
            Set<String> required = new LinkedHashSet<>(schema.getRequired() == null ? List.of() : schema.getRequired());
            for (String property : schema.getProperties().keySet()) {
                if (!omittedWhenAbsent(type, property)) {
                    required.add(property);
                }
            }
            schema.setRequired(new ArrayList<>(required));
        }
        for (Schema schema : components.values()) {
            generatorFriendly(schema, 0);
        }
        // last: the rules above recognise a named schema by its reference
        inlineJavaNamedSchemas(openAPI);
    }

    // --- shapes openapi-generator warns about -------------------------------------------------------------------

    /**
     * An answer with one named example ({@code @ExampleObject(name = ...)}) carries it as the media type's
     * {@code example}: openapi-generator looks an inline named example of an answer up as if it were a reference
     * ("Failed to get the schema name: null"). The name is all that is lost; several examples stay as they are.
     */
    private static void singleAnswerExamples(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
                    if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
                        continue;
                    }
                    for (MediaType media : response.getContent().getMediaTypes().values()) {
                        Map<String, Example> examples = media.getExamples();
                        if (examples == null || examples.size() != 1 || media.getExample() != null) {
                            continue;
                        }
                        Example only = examples.values().iterator().next();
                        if (only.getRef() == null && only.getExternalValue() == null && only.getValue() != null) {
                            media.setExamples(null);
                            media.setExample(only.getValue());
                        }
                    }
                }
            }
        }
    }

    /**
     * Components named after a type the client languages have themselves are written inline where they are used:
     * SmallRye names the schema of {@code java.time.LocalDate} "LocalDate", a plain string of format date, and
     * openapi-generator's Java client renames a model of that name (to ModelLocalDate, with a warning).
     */
    private static void inlineJavaNamedSchemas(OpenAPI openAPI) {
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        for (String name : INLINED) {
            Schema named = components.get(name);
            if (named == null || named.getProperties() != null || named.getRef() != null) {
                continue;
            }
            String ref = PREFIX + name;
            for (Map.Entry<String, Schema> component : new ArrayList<>(components.entrySet())) {
                if (!component.getKey().equals(name)) {
                    Schema rewritten = inlined(component.getValue(), ref, named, 0);
                    if (rewritten != component.getValue()) {
                        components.put(component.getKey(), rewritten);
                    }
                }
            }
            if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
                for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                    inlinedInParameters(item.getParameters(), ref, named);
                    for (Operation operation : item.getOperations().values()) {
                        inlinedInParameters(operation.getParameters(), ref, named);
                        if (operation.getRequestBody() != null) {
                            inlinedInContent(operation.getRequestBody().getContent(), ref, named);
                        }
                        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                            operation.getResponses().getAPIResponses().values()
                                    .forEach(response -> inlinedInContent(response.getContent(), ref, named));
                        }
                    }
                }
            }
            openAPI.getComponents().removeSchema(name);
        }
    }

    private static void inlinedInParameters(List<Parameter> parameters, String ref, Schema named) {
        if (parameters != null) {
            parameters.forEach(parameter -> parameter.setSchema(inlined(parameter.getSchema(), ref, named, 0)));
        }
    }

    private static void inlinedInContent(Content content, String ref, Schema named) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> media.setSchema(inlined(media.getSchema(), ref, named, 0)));
        }
    }

    /** The schema with every reference to {@code ref} replaced by a copy of {@code named}; new objects where it changes. */
    private static Schema inlined(Schema schema, String ref, Schema named, int depth) {
        if (schema == null || depth > 64) {
            return schema;
        }
        if (ref.equals(schema.getRef())) {
            Schema copy = copyWithType(named, named.getType());
            copy.setDescription(schema.getDescription() != null ? schema.getDescription() : named.getDescription());
            if (schema.getExamples() != null) {
                copy.setExamples(schema.getExamples());
            }
            if (schema.getDeprecated() != null) {
                copy.setDeprecated(schema.getDeprecated());
            }
            if (schema.getReadOnly() != null) {
                copy.setReadOnly(schema.getReadOnly());
            }
            return copy;
        }
        if (schema.getProperties() != null) {
            for (Map.Entry<String, Schema> property : new ArrayList<>(schema.getProperties().entrySet())) {
                Schema rewritten = inlined(property.getValue(), ref, named, depth + 1);
                if (rewritten != property.getValue()) {
                    schema.addProperty(property.getKey(), rewritten);
                }
            }
        }
        Schema items = inlined(schema.getItems(), ref, named, depth + 1);
        if (items != schema.getItems()) {
            schema.setItems(items);
        }
        Schema additional = inlined(schema.getAdditionalPropertiesSchema(), ref, named, depth + 1);
        if (additional != schema.getAdditionalPropertiesSchema()) {
            schema.setAdditionalPropertiesSchema(additional);
        }
        if (schema.getAnyOf() != null) {
            List<Schema> alternatives = schema.getAnyOf().stream().map(a -> inlined(a, ref, named, depth + 1)).toList();
            if (!alternatives.equals(schema.getAnyOf())) {
                schema.setAnyOf(new ArrayList<>(alternatives));
            }
        }
        if (schema.getOneOf() != null) {
            List<Schema> alternatives = schema.getOneOf().stream().map(a -> inlined(a, ref, named, depth + 1)).toList();
            if (!alternatives.equals(schema.getOneOf())) {
                schema.setOneOf(new ArrayList<>(alternatives));
            }
        }
        if (schema.getAllOf() != null) {
            List<Schema> parts = schema.getAllOf().stream().map(a -> inlined(a, ref, named, depth + 1)).toList();
            if (!parts.equals(schema.getAllOf())) {
                schema.setAllOf(new ArrayList<>(parts));
            }
        }
        return schema;
    }

    /**
     * Two shapes that client generators do not take (openapi-generator's normalizer fails on an object among several
     * types) are written the way they do: an enum is a string only, never also an object; and an object that may be
     * null is {@code anyOf} the object and {@code null} instead of {@code type: [object, "null"]}.
     */
    private static void generatorFriendly(Schema schema, int depth) {
        if (schema == null || depth > 40) {
            return;
        }
        if (schema.getProperties() != null) {
            for (Map.Entry<String, Schema> entry : new ArrayList<>(schema.getProperties().entrySet())) {
                generatorFriendly(entry.getValue(), depth + 1);
                schema.addProperty(entry.getKey(), nullableObjectAsAlternative(entry.getValue()));
            }
        }
        generatorFriendly(schema.getItems(), depth + 1);
        generatorFriendly(schema.getAdditionalPropertiesSchema(), depth + 1);
        List<Schema.SchemaType> types = schema.getType();
        if (schema.getEnumeration() != null && types != null && types.contains(Schema.SchemaType.OBJECT) && types.size() > 1) {
            List<Schema.SchemaType> plain = new ArrayList<>(types);
            plain.remove(Schema.SchemaType.OBJECT);
            if (!plain.contains(Schema.SchemaType.STRING)) {
                plain.add(0, Schema.SchemaType.STRING);
            }
            schema.setType(plain);
        }
    }

    private static Schema nullableObjectAsAlternative(Schema property) {
        List<Schema.SchemaType> types = property.getType();
        if (types == null || property.getEnumeration() != null
                || !types.containsAll(List.of(Schema.SchemaType.OBJECT, Schema.SchemaType.NULL)) || types.size() != 2) {
            return property;
        }
        Schema object = copyWithType(property, List.of(Schema.SchemaType.OBJECT));
        object.setDescription(null);
        if (property.getAdditionalPropertiesBoolean() != null) {
            object.setAdditionalPropertiesBoolean(property.getAdditionalPropertiesBoolean());
        }
        return OASFactory.createSchema().description(property.getDescription())
                .anyOf(new ArrayList<>(List.of(object, OASFactory.createSchema().type(List.of(Schema.SchemaType.NULL)))));
    }

    /**
     * SmallRye drops {@code nullable = true} where the property names another schema ({@code implementation}, an enum):
     * what the Java component declares nullable is made so here, {@code anyOf} the reference and {@code null}.
     */
    private static void declaredNullable(ClassInfo type, Schema schema) {
        for (Map.Entry<String, Schema> entry : new ArrayList<>(schema.getProperties().entrySet())) {
            AnnotationTarget member = member(type, entry.getKey());
            AnnotationInstance annotation = member == null ? null : member.hasDeclaredAnnotation(SCHEMA)
                    ? member.declaredAnnotation(SCHEMA) : null;
            AnnotationValue declared = annotation == null ? null : annotation.value("nullable");
            Schema property = entry.getValue();
            if (declared == null || !declared.asBoolean() || nullable(property)) {
                continue;
            }
            Schema replacement;
            if (property.getRef() != null) {
                replacement = OASFactory.createSchema().description(property.getDescription()).anyOf(new ArrayList<>(List.of(
                        OASFactory.createSchema().ref(property.getRef()), OASFactory.createSchema().type(List.of(Schema.SchemaType.NULL)))));
            } else if (property.getType() != null) {
                List<Schema.SchemaType> types = new ArrayList<>(property.getType());
                types.add(Schema.SchemaType.NULL);
                replacement = copyWithType(property, types);
            } else {
                continue;
            }
            schema.addProperty(entry.getKey(), replacement);
        }
    }

    /** The property's schema with other types; the rest as it was. */
    private static Schema copyWithType(Schema from, List<Schema.SchemaType> types) {
        Schema copy = OASFactory.createSchema().type(types).format(from.getFormat()).description(from.getDescription())
                .items(from.getItems()).properties(from.getProperties()).additionalPropertiesSchema(from.getAdditionalPropertiesSchema())
                .maxLength(from.getMaxLength()).minLength(from.getMinLength()).pattern(from.getPattern())
                .maximum(from.getMaximum()).minimum(from.getMinimum()).maxItems(from.getMaxItems()).minItems(from.getMinItems())
                .enumeration(from.getEnumeration()).required(from.getRequired()).readOnly(from.getReadOnly());
        if (from.getExamples() != null) {
            copy.setExamples(from.getExamples());
        }
        return copy;
    }

    /** True when the property may be null in the Java model, as the document says it. */
    public static boolean nullable(Schema schema) {
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.NULL)) {
            return true;
        }
        for (List<Schema> alternatives : java.util.Arrays.asList(schema.getAnyOf(), schema.getOneOf())) {
            if (alternatives != null && alternatives.stream().anyMatch(s -> s.getType() != null && s.getType().equals(List.of(Schema.SchemaType.NULL)))) {
                return true;
            }
        }
        return false;
    }

    // --- enums -------------------------------------------------------------------------------------------------

    /** Inline enums equal to a named one become references; a reference has no sibling type. */
    private static void namedEnums(Components all) {
        Map<String, Schema> components = all.getSchemas();
        Map<Set<String>, String> byValues = new HashMap<>();
        components.forEach((name, schema) -> {
            if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty() && schema.getProperties() == null) {
                byValues.putIfAbsent(values(schema), name);
            }
        });
        // an inline list of values no named enum holds gets a name of its own: its schema's name and the property's
        for (Map.Entry<String, Schema> component : new ArrayList<>(components.entrySet())) {
            Map<String, Schema> properties = component.getValue().getProperties();
            if (properties == null) {
                continue;
            }
            properties.forEach((property, schema) -> {
                Schema values = schema.getItems() != null ? schema.getItems() : schema;
                if (values.getRef() == null && values.getEnumeration() != null && !values.getEnumeration().isEmpty()
                        && !byValues.containsKey(values(values))) {
                    String name = component.getKey() + Character.toUpperCase(property.charAt(0)) + property.substring(1);
                    if (!all.getSchemas().containsKey(name)) {
                        all.addSchema(name, OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                                .enumeration(new ArrayList<>(values.getEnumeration())));
                        byValues.put(values(values), name);
                    }
                }
            });
        }
        for (Map.Entry<String, Schema> component : all.getSchemas().entrySet()) {
            visit(component.getValue(), true, byValues, 0);
        }
    }

    /**
     * The schema as it should read, its children rewritten too. SmallRye shares schema objects between a component and
     * the properties it was made from, so a schema that must change is replaced by a new one, never changed in place.
     */
    private static Schema visit(Schema schema, boolean top, Map<Set<String>, String> byValues, int depth) {
        if (schema == null || depth > 64) {
            return schema;
        }
        if (!top && schema.getRef() == null && schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            String named = byValues.get(values(schema));
            if (named != null) {
                return reference(PREFIX + named, schema);
            }
        }
        if (!top && schema.getRef() != null && (schema.getType() != null || schema.getFormat() != null)) {
            // a named schema carries its own type and format; a type beside the reference only confuses generators
            return reference(schema.getRef(), schema);
        }
        if (schema.getProperties() != null) {
            for (Map.Entry<String, Schema> property : new ArrayList<>(schema.getProperties().entrySet())) {
                Schema rewritten = visit(property.getValue(), false, byValues, depth + 1);
                if (rewritten != property.getValue()) {
                    schema.addProperty(property.getKey(), rewritten);
                }
            }
        }
        Schema items = visit(schema.getItems(), false, byValues, depth + 1);
        if (items != schema.getItems()) {
            schema.setItems(items);
        }
        Schema additional = visit(schema.getAdditionalPropertiesSchema(), false, byValues, depth + 1);
        if (additional != schema.getAdditionalPropertiesSchema()) {
            schema.setAdditionalPropertiesSchema(additional);
        }
        if (schema.getAnyOf() != null) {
            List<Schema> alternatives = schema.getAnyOf().stream().map(a -> visit(a, false, byValues, depth + 1)).toList();
            if (!alternatives.equals(schema.getAnyOf())) {
                schema.setAnyOf(new ArrayList<>(alternatives));
            }
            if (!top && schema.getType() != null && alternatives.stream().anyMatch(a -> a.getRef() != null)) {
                // {anyOf: [{$ref}, {type: null}]}: the alternatives say it all
                Schema copy = OASFactory.createSchema().description(schema.getDescription()).anyOf(new ArrayList<>(alternatives));
                return copy;
            }
        }
        return schema;
    }

    /** A reference to a named schema that keeps what the property said about itself. */
    private static Schema reference(String ref, Schema from) {
        Schema reference = OASFactory.createSchema().ref(ref).description(from.getDescription());
        if (from.getExamples() != null) {
            reference.setExamples(from.getExamples());
        }
        if (from.getDeprecated() != null) {
            reference.setDeprecated(from.getDeprecated());
        }
        if (from.getReadOnly() != null) {
            reference.setReadOnly(from.getReadOnly());
        }
        return reference;
    }

    private static Set<String> values(Schema schema) {
        Set<String> values = new TreeSet<>();
        schema.getEnumeration().forEach(v -> values.add(String.valueOf(v)));
        return values;
    }

    // --- which schemas answers and requests use ------------------------------------------------------------------

    private static Set<String> reachable(Map<String, Schema> components, OpenAPI openAPI, boolean answers) {
        Set<String> names = new HashSet<>();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return names;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                List<Content> contents = new ArrayList<>();
                if (answers && operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
                        if (response.getKey().startsWith("2") && response.getValue().getContent() != null) {
                            contents.add(response.getValue().getContent());
                        }
                    }
                } else if (!answers && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    contents.add(operation.getRequestBody().getContent());
                }
                for (Content content : contents) {
                    if (content.getMediaTypes() != null) {
                        for (MediaType media : content.getMediaTypes().values()) {
                            collect(media.getSchema(), components, names);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void collect(Schema schema, Map<String, Schema> components, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(PREFIX)) {
            String name = schema.getRef().substring(PREFIX.length());
            if (names.add(name)) {
                collect(components.get(name), components, names);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> collect(p, components, names));
        }
        collect(schema.getItems(), components, names);
        collect(schema.getAdditionalPropertiesSchema(), components, names);
        for (List<Schema> list : java.util.Arrays.asList(schema.getAnyOf(), schema.getOneOf(), schema.getAllOf())) {
            if (list != null) {
                list.forEach(s -> collect(s, components, names));
            }
        }
    }

    // --- the Java class behind a schema ---------------------------------------------------------------------------

    private Map<String, List<ClassInfo>> classesByName() {
        Map<String, List<ClassInfo>> byName = new HashMap<>();
        for (ClassInfo type : index.getKnownClasses()) {
            if (type.isEnum() || type.isInterface() || type.isAnnotation() || type.simpleName() == null) {
                continue;
            }
            AnnotationInstance schema = type.declaredAnnotation(SCHEMA);
            AnnotationValue name = schema == null ? null : schema.value("name");
            String key = name != null && !name.asString().isBlank() ? name.asString() : type.simpleName();
            // an explicit name first: it is the one SmallRye gives the schema
            List<ClassInfo> list = byName.computeIfAbsent(key, k -> new ArrayList<>());
            if (name != null) {
                list.add(0, type);
            } else {
                list.add(type);
            }
        }
        return byName;
    }

    private static ClassInfo classOf(String name, Schema schema, Map<String, List<ClassInfo>> classes) {
        Set<String> properties = schema.getProperties().keySet();
        ClassInfo found = best(classes.get(name), properties);
        if (found != null) {
            return found;
        }
        // a generic record such as Page<T> is named after its type arguments: PageAgreementView
        for (Map.Entry<String, List<ClassInfo>> entry : classes.entrySet()) {
            if (name.startsWith(entry.getKey()) && name.length() > entry.getKey().length()) {
                ClassInfo generic = best(entry.getValue().stream().filter(c -> !c.typeParameters().isEmpty()).toList(), properties);
                if (generic != null) {
                    return generic;
                }
            }
        }
        return null;
    }

    private static ClassInfo best(Collection<ClassInfo> candidates, Set<String> properties) {
        if (candidates == null) {
            return null;
        }
        return candidates.stream().filter(c -> properties.stream().allMatch(p -> member(c, p) != null)).findFirst().orElse(null);
    }

    private static AnnotationTarget member(ClassInfo type, String property) {
        FieldInfo field = type.field(property);
        if (field != null) {
            return field;
        }
        MethodInfo accessor = type.method(property);
        if (accessor == null) {
            accessor = type.method("get" + Character.toUpperCase(property.charAt(0)) + property.substring(1));
        }
        if (accessor == null) {
            accessor = type.method("is" + Character.toUpperCase(property.charAt(0)) + property.substring(1));
        }
        return accessor;
    }

    private static boolean omittedWhenAbsent(ClassInfo type, String property) {
        FieldInfo field = type.field(property);
        if (field != null && field.type().kind() == org.jboss.jandex.Type.Kind.PRIMITIVE) {
            return false; // a number or boolean is always written
        }
        if (omits(type.declaredAnnotation(JSON_INCLUDE))) {
            return true;
        }
        if (field != null && omits(field.annotation(JSON_INCLUDE))) {
            return true;
        }
        MethodInfo accessor = type.method(property);
        return accessor != null && omits(accessor.annotation(JSON_INCLUDE));
    }

    private static boolean omits(AnnotationInstance include) {
        if (include == null) {
            return false;
        }
        AnnotationValue value = include.value();
        return value != null && OMITTING.contains(value.asEnum());
    }

}
