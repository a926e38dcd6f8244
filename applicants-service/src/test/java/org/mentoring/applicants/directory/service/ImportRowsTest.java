package org.mentoring.applicants.directory.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mentoring.contracts.problem.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows of a bulk import as CSV and as JSON: what each row carries (absent column: unchanged, empty: cleared), and
 * the {@code rows[i].column} errors an importer reads when a file is wrong.
 */
class ImportRowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    private static List<String> shown(List<Problem.FieldError> errors) {
        return errors.stream().map(e -> e.field() + " " + e.message()).toList();
    }

    // ---------------------------------------------------------------- CSV

    static Stream<Arguments> validCsv() {
        return Stream.of(
                Arguments.of("one person", "userName,email\nada,ada@example.org\n",
                        List.of(values("userName", "ada", "email", "ada@example.org"))),
                Arguments.of("CRLF line ends and a byte order mark", "\uFEFFuserName,city\r\nada,Berlin\r\nbob,Paris\r\n",
                        List.of(values("userName", "ada", "city", "Berlin"), values("userName", "bob", "city", "Paris"))),
                Arguments.of("header names in any case, cells trimmed", " USERNAME , Title \n ada , Engineer \n",
                        List.of(values("userName", "ada", "title", "Engineer"))),
                Arguments.of("an empty cell clears", "userName,title\nada,\n",
                        List.of(values("userName", "ada", "title", null))),
                Arguments.of("an empty active cell leaves active alone", "userName,active\nada,\n",
                        List.of(values("userName", "ada"))),
                Arguments.of("active as yes/no/1/0/true/false", "userName,active\na,yes\nb,0\nc,TRUE\n",
                        List.of(values("userName", "a", "active", true), values("userName", "b", "active", false),
                                values("userName", "c", "active", true))),
                Arguments.of("numbers and a year", "userName,latitude,longitude,birthYear\nada,52.5,-13.25,1990\n",
                        List.of(values("userName", "ada", "latitude", 52.5, "longitude", -13.25, "birthYear", 1990))),
                Arguments.of("languages split on semicolons", "userName,languages\nada, en ; de;;fr \n",
                        List.of(values("userName", "ada", "languages", List.of("en", "de", "fr")))),
                Arguments.of("a quoted cell with a comma, a quote and a line break",
                        "userName,displayName\nada,\"Lovelace, \"\"Ada\"\"\nCountess\"\n",
                        List.of(values("userName", "ada", "displayName", "Lovelace, \"Ada\"\nCountess"))),
                Arguments.of("blank lines are skipped", "userName\n\nada\n\n\nbob",
                        List.of(values("userName", "ada"), values("userName", "bob"))),
                Arguments.of("only the header: no rows", "userName,email\n", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCsv")
    void aValidCsvGivesItsRows(String name, String csv, List<Map<String, Object>> expected) {
        List<Problem.FieldError> errors = new ArrayList<>();

        List<ImportRows.Row> rows = ImportRows.fromCsv(csv, errors);

        assertThat(shown(errors)).isEmpty();
        assertThat(rows).extracting(ImportRows.Row::values).containsExactlyElementsOf(expected);
        assertThat(rows).extracting(ImportRows.Row::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, expected.size()).boxed().toList());
    }

    static Stream<Arguments> invalidCsv() {
        return Stream.of(
                Arguments.of("an empty file", "",
                        List.of("columns are missing: the first line must name the columns, e.g. " + String.join(",", ImportRows.COLUMNS))),
                Arguments.of("no userName column", "email\nada@example.org\n", List.of("columns must include userName")),
                Arguments.of("an unknown column", "userName,nickname\nada,a\n",
                        List.of("columns[1] is nickname, which is not a column of the import (expected some of "
                                + String.join(", ", ImportRows.COLUMNS) + ")")),
                Arguments.of("a repeated column", "userName,email,Email\n",
                        List.of("columns[2] repeats the column email")),
                Arguments.of("a row with too few cells", "userName,email\nada\nbob,bob@example.org\n",
                        List.of("rows[0] has 1 cells but the header names 2 columns")),
                Arguments.of("a row with too many cells", "userName\nada,extra\n",
                        List.of("rows[0] has 2 cells but the header names 1 columns")),
                Arguments.of("a latitude that is not a number", "userName,latitude,longitude\nada,north,13\n",
                        List.of("rows[0].latitude is north, which is not a number")),
                Arguments.of("a birth year that is not a year", "userName,birthYear\nada,nineteen\nbob,1990.5\n",
                        List.of("rows[0].birthYear is nineteen, which is not a year such as 1990",
                                "rows[1].birthYear is 1990.5, which is not a year such as 1990")),
                Arguments.of("active that is not a yes or no", "userName,active\nada,maybe\n",
                        List.of("rows[0].active is maybe but must be true or false")),
                Arguments.of("a quoted cell never closed", "userName,displayName\nada,\"Ada",
                        List.of("body has a quoted field that is not closed (from line 2)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCsv")
    void anInvalidCsvNamesWhereItIsWrong(String name, String csv, List<String> expected) {
        List<Problem.FieldError> errors = new ArrayList<>();

        ImportRows.fromCsv(csv, errors);

        assertThat(shown(errors)).containsExactlyElementsOf(expected);
    }

    // ---------------------------------------------------------------- JSON

    static Stream<Arguments> validJson() {
        return Stream.of(
                Arguments.of("text fields, numbers, a boolean",
                        "[{\"userName\":\"ada\",\"latitude\":52.5,\"longitude\":13,\"birthYear\":1990,\"active\":false}]",
                        List.of(values("userName", "ada", "latitude", 52.5, "longitude", 13.0, "birthYear", 1990, "active", false))),
                Arguments.of("null clears, but not active", "[{\"userName\":\"ada\",\"title\":null,\"active\":null}]",
                        List.of(values("userName", "ada", "title", null))),
                Arguments.of("languages as an array or as a semicolon list",
                        "[{\"userName\":\"a\",\"languages\":[\"en\",\"de\"]},{\"userName\":\"b\",\"languages\":\"en; fr\"}]",
                        List.of(values("userName", "a", "languages", List.of("en", "de")),
                                values("userName", "b", "languages", List.of("en", "fr")))),
                Arguments.of("a number where text is expected is taken as text", "[{\"userName\":\"ada\",\"employeeNumber\":1001}]",
                        List.of(values("userName", "ada", "employeeNumber", "1001"))),
                Arguments.of("an empty array", "[]", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validJson")
    void aValidJsonArrayGivesItsRows(String name, String json, List<Map<String, Object>> expected) throws Exception {
        List<Problem.FieldError> errors = new ArrayList<>();

        List<ImportRows.Row> rows = ImportRows.fromJson(JSON.readTree(json), errors);

        assertThat(shown(errors)).isEmpty();
        assertThat(rows).extracting(ImportRows.Row::values).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> invalidJson() {
        return Stream.of(
                Arguments.of("an object instead of an array", "{\"userName\":\"ada\"}",
                        List.of("rows must be a JSON array of objects, one per person")),
                Arguments.of("a row that is not an object", "[{\"userName\":\"ada\"}, \"bob\"]",
                        List.of("rows[1] must be a JSON object")),
                Arguments.of("an unknown field (names are case-sensitive)", "[{\"username\":\"ada\"}]",
                        List.of("rows[0].username is not a field of the import (expected some of "
                                + String.join(", ", ImportRows.COLUMNS) + ")")),
                Arguments.of("a latitude as text", "[{\"userName\":\"ada\",\"latitude\":\"52.5\"}]",
                        List.of("rows[0].latitude must be a number")),
                Arguments.of("a birth year with a fraction", "[{\"userName\":\"ada\",\"birthYear\":1990.5}]",
                        List.of("rows[0].birthYear must be a whole number, a year such as 1990")),
                Arguments.of("active as text", "[{\"userName\":\"ada\",\"active\":\"yes\"}]",
                        List.of("rows[0].active must be true or false")),
                Arguments.of("languages with a number", "[{\"userName\":\"ada\",\"languages\":[\"en\",7]}]",
                        List.of("rows[0].languages must be an array of ISO 639-1 codes such as [\"en\", \"de\"]")),
                Arguments.of("a text field as an object", "[{\"userName\":{\"first\":\"ada\"}}]",
                        List.of("rows[0].userName must be a string")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidJson")
    void anInvalidJsonArrayNamesWhereItIsWrong(String name, String json, List<String> expected) throws Exception {
        List<Problem.FieldError> errors = new ArrayList<>();

        ImportRows.fromJson(JSON.readTree(json), errors);

        assertThat(shown(errors)).containsExactlyElementsOf(expected);
    }

    @Test
    void aRowKeepsItsIndexEvenAfterABadRow() throws Exception {
        List<Problem.FieldError> errors = new ArrayList<>();

        List<ImportRows.Row> rows = ImportRows.fromJson(JSON.readTree("[1, {\"userName\":\"bob\"}]"), errors);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.index()).isEqualTo(1);
            assertThat(row.text("userName")).isEqualTo("bob");
            assertThat(row.has("email")).isFalse();
        });
        assertThat(shown(errors)).containsExactly("rows[0] must be a JSON object");
    }

    @Test
    void anUnclosedQuoteIsReportedAtTheLineWhereItOpened() {
        List<Problem.FieldError> errors = new ArrayList<>();

        ImportRows.fromCsv("userName,displayName\nada,\"Ada\nbob,Bob\ncyd,Cyd\n", errors);

        assertThat(shown(errors)).containsExactly("body has a quoted field that is not closed (from line 2)");
    }
}
