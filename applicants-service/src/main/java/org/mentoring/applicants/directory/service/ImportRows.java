package org.mentoring.applicants.directory.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.mentoring.contracts.problem.Problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the rows of a bulk import, as CSV (a header row, then one person a row) or as a JSON array of
 * objects with the same field names. A column that is absent leaves that attribute of an existing
 * person unchanged; a column that is present but empty clears it. Errors name {@code rows[i].column},
 * {@code i} counting data rows from 0 (the CSV header is not a row).
 */
public final class ImportRows {

    /** The columns of an import, in the order of the documentation. */
    public static final List<String> COLUMNS = List.of("userName", "externalId", "givenName", "familyName", "displayName",
            "email", "title", "employeeNumber", "organization", "department", "managerUserName", "city", "region", "country",
            "latitude", "longitude", "languages", "hireDate", "birthYear", "grade", "active");
    private static final Set<String> NUMBERS = Set.of("latitude", "longitude");
    private static final Map<String, String> CANONICAL = new HashMap<>();

    static {
        COLUMNS.forEach(c -> CANONICAL.put(c.toLowerCase(Locale.ROOT), c));
    }

    public static final int MAX_ROWS = 5000;

    /**
     * One data row: the columns it carries, each mapped to {@code null} (cleared), a String, a Double
     * (latitude, longitude), a Boolean (active) or a List of language codes (languages).
     */
    public record Row(int index, Map<String, Object> values) {

        public boolean has(String column) {
            return values.containsKey(column);
        }

        public Object get(String column) {
            return values.get(column);
        }

        public String text(String column) {
            return (String) values.get(column);
        }
    }

    private ImportRows() {
    }

    public static List<Row> fromCsv(String body, List<Problem.FieldError> errors) {
        List<List<String>> records = parseCsv(body.startsWith("\uFEFF") ? body.substring(1) : body, errors);
        if (!errors.isEmpty()) {
            return List.of();
        }
        if (records.isEmpty()) {
            errors.add(new Problem.FieldError("columns", "are missing: the first line must name the columns, e.g. "
                    + String.join(",", COLUMNS)));
            return List.of();
        }
        List<String> header = new ArrayList<>();
        List<String> raw = records.get(0);
        for (int c = 0; c < raw.size(); c++) {
            String name = CANONICAL.get(raw.get(c).strip().toLowerCase(Locale.ROOT));
            if (name == null) {
                errors.add(new Problem.FieldError("columns[" + c + "]", "is " + raw.get(c).strip()
                        + ", which is not a column of the import (expected some of " + String.join(", ", COLUMNS) + ")"));
            } else if (header.contains(name)) {
                errors.add(new Problem.FieldError("columns[" + c + "]", "repeats the column " + name));
            }
            header.add(name);
        }
        if (!header.contains("userName")) {
            errors.add(new Problem.FieldError("columns", "must include userName"));
        }
        if (!errors.isEmpty()) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            int index = r - 1;
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                errors.add(new Problem.FieldError("rows[" + index + "]", "has " + cells.size() + " cells but the header names "
                        + header.size() + " columns"));
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String column = header.get(c);
                String cell = cells.get(c).strip();
                Object value = cell.isEmpty() ? null : convertText(column, cell, index, errors);
                if (column.equals("active") && value == null) {
                    continue; // an empty active cell leaves the person as they are (a new one is active)
                }
                values.put(column, value);
            }
            rows.add(new Row(index, values));
        }
        return rows;
    }

    public static List<Row> fromJson(JsonNode body, List<Problem.FieldError> errors) {
        if (body == null || !body.isArray()) {
            errors.add(new Problem.FieldError("rows", "must be a JSON array of objects, one per person"));
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            String prefix = "rows[" + i + "]";
            if (!item.isObject()) {
                errors.add(new Problem.FieldError(prefix, "must be a JSON object"));
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            int index = i;
            item.fields().forEachRemaining(field -> {
                String column = COLUMNS.contains(field.getKey()) ? field.getKey() : null;
                if (column == null) {
                    errors.add(new Problem.FieldError(prefix + "." + field.getKey(),
                            "is not a field of the import (expected some of " + String.join(", ", COLUMNS) + ")"));
                    return;
                }
                JsonNode v = field.getValue();
                if (v.isNull()) {
                    if (!column.equals("active")) {
                        values.put(column, null);
                    }
                    return;
                }
                Object value = switch (column) {
                    case "latitude", "longitude" -> v.isNumber() ? (Object) v.asDouble()
                            : error(errors, index, column, "must be a number");
                    case "birthYear" -> v.isIntegralNumber() && v.canConvertToInt() ? (Object) v.asInt()
                            : error(errors, index, column, "must be a whole number, a year such as 1990");
                    case "active" -> v.isBoolean() ? (Object) v.asBoolean() : error(errors, index, column, "must be true or false");
                    case "languages" -> {
                        if (v.isTextual()) {
                            yield splitLanguages(v.asText());
                        }
                        if (!v.isArray()) {
                            yield error(errors, index, column, "must be an array of ISO 639-1 codes such as [\"en\", \"de\"]");
                        }
                        List<String> codes = new ArrayList<>();
                        for (JsonNode code : v) {
                            if (!code.isTextual()) {
                                yield error(errors, index, column, "must be an array of ISO 639-1 codes such as [\"en\", \"de\"]");
                            }
                            codes.add(code.asText());
                        }
                        yield codes;
                    }
                    default -> v.isTextual() || v.isNumber() ? (Object) v.asText() : error(errors, index, column, "must be a string");
                };
                values.put(column, value);
            });
            rows.add(new Row(i, values));
        }
        return rows;
    }

    private static Object convertText(String column, String cell, int index, List<Problem.FieldError> errors) {
        if (NUMBERS.contains(column)) {
            try {
                return Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                return error(errors, index, column, "is " + cell + ", which is not a number");
            }
        }
        if (column.equals("birthYear")) {
            try {
                return Integer.parseInt(cell.strip());
            } catch (NumberFormatException e) {
                return error(errors, index, column, "is " + cell + ", which is not a year such as 1990");
            }
        }
        if (column.equals("active")) {
            return switch (cell.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> Boolean.TRUE;
                case "false", "no", "0" -> Boolean.FALSE;
                default -> error(errors, index, column, "is " + cell + " but must be true or false");
            };
        }
        if (column.equals("languages")) {
            return splitLanguages(cell);
        }
        return cell;
    }

    private static List<String> splitLanguages(String value) {
        return Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Object error(List<Problem.FieldError> errors, int index, String column, String message) {
        errors.add(new Problem.FieldError("rows[" + index + "]." + column, message));
        return null;
    }

    /** RFC 4180: comma-separated, fields optionally in double quotes ("" inside quotes is one quote), CRLF or LF. */
    static List<List<String>> parseCsv(String text, List<Problem.FieldError> errors) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int quoteOpenedAt = 0;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
                i++;
                continue;
            }
            switch (ch) {
                case '"' -> {
                    if (field.toString().isBlank()) {
                        quoted = true;
                        quoteOpenedAt = line;
                        field.setLength(0);
                    } else {
                        field.append(ch);
                    }
                    fieldStarted = true;
                }
                case ',' -> {
                    record.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                }
                case '\r' -> {
                    // part of CRLF, or stray: ignored
                }
                case '\n' -> {
                    endRecord(records, record, field, fieldStarted);
                    record = new ArrayList<>();
                    field.setLength(0);
                    fieldStarted = false;
                    line++;
                }
                default -> {
                    field.append(ch);
                    fieldStarted = true;
                }
            }
            i++;
        }
        if (quoted) {
            errors.add(new Problem.FieldError("body", "has a quoted field that is not closed (from line " + quoteOpenedAt + ")"));
            return List.of();
        }
        endRecord(records, record, field, fieldStarted);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field, boolean fieldStarted) {
        if (!fieldStarted && record.isEmpty()) {
            return; // blank line
        }
        record.add(field.toString());
        records.add(record);
    }
}
