package org.mentoring.testsupport;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCheckTest {

    private static final Map<String, Object> DOCUMENT = Map.of("components", Map.of("schemas", Map.of(
            "Status", Map.of("type", "string", "enum", List.of("DRAFT", "ACTIVE")),
            "Ending", Map.of("type", "object", "required", List.of("endedAt"), "properties", Map.of("endedAt", Map.of("type", "string"))),
            "Agreement", Map.of("type", "object", "required", List.of("status", "versionInForce", "ending", "nextCursor"), "properties", Map.of(
                    "status", Map.of("$ref", "#/components/schemas/Status"),
                    "versionInForce", Map.of("type", List.of("integer", "null")),
                    "ending", Map.of("anyOf", List.of(Map.of("$ref", "#/components/schemas/Ending"), Map.of("type", "null"))),
                    "nextCursor", Map.of("type", "string"),
                    "flags", Map.of("type", "array", "items", Map.of("type", "string")))))));

    private final SchemaCheck check = new SchemaCheck(DOCUMENT);
    private final Map<String, Object> agreement = Map.of("$ref", "#/components/schemas/Agreement");

    private static Map<String, Object> answer(Object status, Object version, Object ending, Object cursor) {
        Map<String, Object> answer = new HashMap<>();
        answer.put("status", status);
        answer.put("versionInForce", version);
        answer.put("ending", ending);
        answer.put("nextCursor", cursor);
        return answer;
    }

    @Test
    void acceptsNullWhereTheSchemaDeclaresIt() {
        assertThat(check.violations(answer("DRAFT", null, null, "abc"), agreement, "$")).isEmpty();
        assertThat(check.violations(answer("ACTIVE", 2, Map.of("endedAt", "2026-01-01T00:00:00Z"), "abc"), agreement, "$")).isEmpty();
    }

    @Test
    void refusesNullWhereTheSchemaDoesNotDeclareIt() {
        assertThat(check.violations(answer("DRAFT", null, null, null), agreement, "$"))
                .containsExactly("$.nextCursor is null but its schema is not nullable");
    }

    @Test
    void refusesAMissingRequiredPropertyAValueOutsideTheEnumAndAWrongType() {
        Map<String, Object> answer = answer("GONE", "2", Map.of(), "abc");
        answer.remove("nextCursor");
        assertThat(check.violations(answer, agreement, "$")).containsExactlyInAnyOrder(
                "$.nextCursor is required but absent",
                "$.status is GONE, not one of [DRAFT, ACTIVE]",
                "$.versionInForce is a string but the schema says [integer, null]",
                "$.ending.endedAt is required but absent");
    }
}
