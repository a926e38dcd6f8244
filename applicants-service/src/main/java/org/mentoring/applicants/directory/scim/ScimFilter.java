package org.mentoring.applicants.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.mentoring.applicants.directory.service.PersonQuery;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SCIM filters (RFC 7644 section 3.4.2.2): {@code attrPath op value}, {@code attrPath pr},
 * {@code and}, {@code or}, {@code not (...)}, parentheses and value paths such as
 * {@code emails[type eq "work" and value ew "@example.org"]}. A filter is translated to SQL over
 * {@code directory_person p} with every value bound as a parameter, or evaluated on one value of a
 * multi-valued attribute (PATCH paths).
 *
 * <p>A filter is bounded before it is parsed or translated: at most {@value #MAX_LENGTH} characters,
 * {@value #MAX_DEPTH} levels of nesting (parentheses, {@code not (...)} and value paths) and
 * {@value #MAX_COMPARISONS} comparisons joined by {@code and} and {@code or}. Beyond that it is an
 * invalidFilter, so no filter exhausts the parser's stack or builds an unbounded SQL condition.
 */
public final class ScimFilter {

    /** A parsed filter. */
    public sealed interface Node permits Compare, Present, And, Or, Not, ValuePath {
    }

    public record Compare(String attr, String op, JsonNode value) implements Node {
    }

    public record Present(String attr) implements Node {
    }

    public record And(Node left, Node right) implements Node {
    }

    public record Or(Node left, Node right) implements Node {
    }

    public record Not(Node inner) implements Node {
    }

    public record ValuePath(String attr, Node filter) implements Node {
    }

    private static final Set<String> OPERATORS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");

    /** Longest filter accepted, in characters. */
    public static final int MAX_LENGTH = 4096;
    /** Deepest nesting of parentheses, {@code not (...)} and value paths accepted. */
    public static final int MAX_DEPTH = 32;
    /** Most comparisons ({@code attrPath op value} or {@code attrPath pr}) accepted in one filter. */
    public static final int MAX_COMPARISONS = 100;

    private ScimFilter() {
    }

    // ---------------------------------------------------------------- parsing

    public static Node parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw ScimException.invalidFilter("The filter is empty.");
        }
        if (filter.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("The filter has " + filter.length() + " characters; at most " + MAX_LENGTH
                    + " are accepted.");
        }
        Parser parser = new Parser(tokenize(filter), filter);
        Node node = parser.or();
        if (parser.pos < parser.tokens.size()) {
            throw ScimException.invalidFilter("Unexpected " + parser.tokens.get(parser.pos).text + " in filter: " + filter);
        }
        return node;
    }

    private enum T { WORD, STRING, LPAREN, RPAREN, LBRACKET, RBRACKET }

    private record Token(T type, String text) {
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '[' || c == ']') {
                tokens.add(new Token(switch (c) {
                    case '(' -> T.LPAREN;
                    case ')' -> T.RPAREN;
                    case '[' -> T.LBRACKET;
                    default -> T.RBRACKET;
                }, String.valueOf(c)));
                i++;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < s.length()) {
                        char e = s.charAt(i + 1);
                        switch (e) {
                            case 'n' -> value.append('\n');
                            case 't' -> value.append('\t');
                            case 'r' -> value.append('\r');
                            case 'b' -> value.append('\b');
                            case 'f' -> value.append('\f');
                            case 'u' -> {
                                if (i + 5 >= s.length()) {
                                    throw ScimException.invalidFilter("A \\u escape is cut short in filter: " + s);
                                }
                                try {
                                    value.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                                } catch (RuntimeException ex) {
                                    throw ScimException.invalidFilter("A \\u escape is not valid in filter: " + s);
                                }
                                i += 4;
                            }
                            default -> value.append(e);
                        }
                        i += 2;
                    } else if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw ScimException.invalidFilter("A string is not closed in filter: " + s);
                }
                tokens.add(new Token(T.STRING, value.toString()));
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()[]\"".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(T.WORD, s.substring(start, i)));
            }
        }
        return tokens;
    }

    private static final class Parser {
        final List<Token> tokens;
        final String source;
        int pos;
        int depth;
        int comparisons;

        Parser(List<Token> tokens, String source) {
            this.tokens = tokens;
            this.source = source;
        }

        Node or() {
            Node left = and();
            while (keyword("or")) {
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (keyword("and")) {
                left = new And(left, unary());
            }
            return left;
        }

        Node unary() {
            if (keyword("not")) {
                expect(T.LPAREN);
                return new Not(nested(T.RPAREN));
            }
            if (peek(T.LPAREN)) {
                pos++;
                return nested(T.RPAREN);
            }
            Token attr = next("an attribute name");
            if (attr.type != T.WORD || !attr.text.matches("[A-Za-z$][A-Za-z0-9$_:.\\-]*")) {
                throw ScimException.invalidFilter("Expected an attribute name but found " + attr.text + " in filter: " + source);
            }
            if (peek(T.LBRACKET)) {
                pos++;
                return new ValuePath(attr.text, nested(T.RBRACKET));
            }
            if (++comparisons > MAX_COMPARISONS) {
                throw ScimException.invalidFilter("The filter has more than " + MAX_COMPARISONS + " comparisons.");
            }
            Token op = next("an operator");
            String operator = op.text.toLowerCase(Locale.ROOT);
            if (op.type == T.WORD && operator.equals("pr")) {
                return new Present(attr.text);
            }
            if (op.type != T.WORD || !OPERATORS.contains(operator)) {
                throw ScimException.invalidFilter("Unknown operator " + op.text + " in filter: " + source
                        + " (use eq, ne, co, sw, ew, gt, ge, lt, le or pr)");
            }
            return new Compare(attr.text, operator, value(next("a value")));
        }

        /** A group one level deeper, after its opening token and up to {@code close}. */
        Node nested(T close) {
            if (++depth > MAX_DEPTH) {
                throw ScimException.invalidFilter("The filter nests parentheses, not (...) and [...] more than " + MAX_DEPTH
                        + " levels deep.");
            }
            Node inner = or();
            expect(close);
            depth--;
            return inner;
        }

        JsonNode value(Token t) {
            if (t.type == T.STRING) {
                return TextNode.valueOf(t.text);
            }
            if (t.type == T.WORD) {
                switch (t.text.toLowerCase(Locale.ROOT)) {
                    case "true":
                        return BooleanNode.TRUE;
                    case "false":
                        return BooleanNode.FALSE;
                    case "null":
                        return NullNode.instance;
                    default:
                        try {
                            return DecimalNode.valueOf(new BigDecimal(t.text));
                        } catch (NumberFormatException e) {
                            // fall through
                        }
                }
            }
            throw ScimException.invalidFilter("Expected a value (a \"string\", true, false, null or a number) but found "
                    + t.text + " in filter: " + source);
        }

        boolean keyword(String word) {
            if (pos < tokens.size() && tokens.get(pos).type == T.WORD && tokens.get(pos).text.equalsIgnoreCase(word)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean peek(T type) {
            return pos < tokens.size() && tokens.get(pos).type == type;
        }

        Token next(String what) {
            if (pos >= tokens.size()) {
                throw ScimException.invalidFilter("The filter ends where " + what + " was expected: " + source);
            }
            return tokens.get(pos++);
        }

        void expect(T type) {
            Token t = next(type == T.RPAREN ? "')'" : type == T.RBRACKET ? "']'" : "'('");
            if (t.type != type) {
                throw ScimException.invalidFilter("Unexpected " + t.text + " in filter: " + source);
            }
        }
    }

    // ---------------------------------------------------------------- SQL

    private enum Type { STRING, BOOLEAN, DATETIME }

    private record Column(String sql, Type type, boolean caseExact) {
    }

    /** Single-valued attributes that can be filtered on, by lower-case path (extension paths with their URN). */
    private static final Map<String, Column> COLUMNS = new HashMap<>();

    static {
        COLUMNS.put("id", new Column("cast(p.id as varchar)", Type.STRING, true));
        COLUMNS.put("externalid", new Column("p.external_id", Type.STRING, true));
        COLUMNS.put("username", new Column("p.user_name", Type.STRING, false));
        COLUMNS.put("displayname", new Column("p.display_name", Type.STRING, false));
        COLUMNS.put("title", new Column("p.title", Type.STRING, false));
        COLUMNS.put("name.givenname", new Column("p.given_name", Type.STRING, false));
        COLUMNS.put("name.familyname", new Column("p.family_name", Type.STRING, false));
        COLUMNS.put("name.formatted", new Column("p.formatted_name", Type.STRING, false));
        COLUMNS.put("active", new Column("p.active", Type.BOOLEAN, false));
        COLUMNS.put("meta.created", new Column("p.created_at", Type.DATETIME, false));
        COLUMNS.put("meta.lastmodified", new Column("p.updated_at", Type.DATETIME, false));
        String ent = Scim.ENTERPRISE.toLowerCase(Locale.ROOT) + ":";
        COLUMNS.put(ent + "employeenumber", new Column("p.employee_number", Type.STRING, false));
        COLUMNS.put(ent + "organization", new Column("p.organization", Type.STRING, false));
        COLUMNS.put(ent + "department", new Column("p.department", Type.STRING, false));
        COLUMNS.put(ent + "manager", new Column("cast(p.manager_id as varchar)", Type.STRING, true));
        COLUMNS.put(ent + "manager.value", new Column("cast(p.manager_id as varchar)", Type.STRING, true));
        String match = Scim.MATCHING.toLowerCase(Locale.ROOT) + ":";
        COLUMNS.put(match + "location.city", new Column("p.city", Type.STRING, false));
        COLUMNS.put(match + "location.region", new Column("p.region", Type.STRING, false));
        COLUMNS.put(match + "location.country", new Column("p.country", Type.STRING, false));
    }

    private static final String EMAILS = "jsonb_array_elements(p.emails -> 'emails')";
    private static final String LANGUAGES = Scim.MATCHING.toLowerCase(Locale.ROOT) + ":languages";

    /** The filter as a condition on {@code directory_person p}. */
    public static PersonQuery toQuery(Node filter) {
        Map<String, Object> params = new HashMap<>();
        String where = new SqlWriter(params).write(filter, null);
        return new PersonQuery(where, params);
    }

    private static final class SqlWriter {
        final Map<String, Object> params;

        SqlWriter(Map<String, Object> params) {
            this.params = params;
        }

        /** {@code element} is set inside a value path: "emails" or "languages". */
        String write(Node node, String element) {
            if (node instanceof And a) {
                return "(" + write(a.left(), element) + " and " + write(a.right(), element) + ")";
            }
            if (node instanceof Or o) {
                return "(" + write(o.left(), element) + " or " + write(o.right(), element) + ")";
            }
            if (node instanceof Not n) {
                return "(not coalesce(" + write(n.inner(), element) + ", false))";
            }
            if (node instanceof ValuePath vp) {
                return valuePath(vp, element);
            }
            if (node instanceof Present pr) {
                return present(pr.attr(), element);
            }
            return compare((Compare) node, element);
        }

        private String valuePath(ValuePath vp, String element) {
            if (element != null) {
                throw ScimException.invalidFilter("A value path cannot be nested: " + vp.attr());
            }
            String multi = multiValued(vp.attr());
            if (multi == null) {
                throw ScimException.invalidFilter("The attribute " + vp.attr() + " is not multi-valued; [...] applies to emails and "
                        + Scim.MATCHING + ":languages.");
            }
            String inner = write(vp.filter(), multi);
            return multi.equals("emails")
                    ? "exists (select 1 from " + EMAILS + " e where " + inner + ")"
                    : "exists (select 1 from unnest(p.languages) l(v) where " + inner + ")";
        }

        private String present(String attr, String element) {
            if (element != null) {
                return elementColumn(attr, element).sql + " is not null";
            }
            String multi = multiValued(attr.replaceFirst("(?i)\\.value$", ""));
            if ("emails".equals(multi)) {
                return "jsonb_array_length(p.emails -> 'emails') > 0";
            }
            if ("languages".equals(multi)) {
                return "cardinality(p.languages) > 0";
            }
            return column(attr).sql + " is not null";
        }

        private String compare(Compare c, String element) {
            if (element != null) {
                return condition(elementColumn(c.attr(), element), c);
            }
            String lower = c.attr().toLowerCase(Locale.ROOT);
            if (lower.equals("emails") || lower.startsWith("emails.")) {
                String sub = lower.equals("emails") ? "value" : lower.substring("emails.".length());
                return "exists (select 1 from " + EMAILS + " e where " + condition(elementColumn(sub, "emails"), c) + ")";
            }
            if (lower.equals(LANGUAGES) || lower.equals(LANGUAGES + ".value")) {
                return "exists (select 1 from unnest(p.languages) l(v) where " + condition(elementColumn("value", "languages"), c) + ")";
            }
            return condition(column(c.attr()), c);
        }

        private String multiValued(String attr) {
            String lower = attr.toLowerCase(Locale.ROOT);
            if (lower.equals("emails") || lower.equals(Scim.USER.toLowerCase(Locale.ROOT) + ":emails")) {
                return "emails";
            }
            if (lower.equals(LANGUAGES)) {
                return "languages";
            }
            return null;
        }

        private Column column(String attr) {
            String lower = attr.toLowerCase(Locale.ROOT);
            String core = Scim.USER.toLowerCase(Locale.ROOT) + ":";
            if (lower.startsWith(core)) {
                lower = lower.substring(core.length());
            }
            Column column = COLUMNS.get(lower);
            if (column == null) {
                throw ScimException.invalidFilter("The attribute " + attr + " cannot be filtered on. Filterable: userName, "
                        + "externalId, id, displayName, title, name.givenName, name.familyName, name.formatted, active, "
                        + "emails, emails.value, emails.type, meta.created, meta.lastModified, " + Scim.ENTERPRISE
                        + ":{employeeNumber, organization, department, manager.value}, " + Scim.MATCHING
                        + ":{location.city, location.region, location.country, languages}.");
            }
            return column;
        }

        private Column elementColumn(String attr, String element) {
            String lower = attr.toLowerCase(Locale.ROOT);
            if (element.equals("languages")) {
                if (lower.equals("value")) {
                    return new Column("l.v", Type.STRING, false);
                }
            } else {
                switch (lower) {
                    case "value":
                        return new Column("(e ->> 'value')", Type.STRING, false);
                    case "type":
                        return new Column("(e ->> 'type')", Type.STRING, false);
                    case "primary":
                        return new Column("cast(e ->> 'primary' as boolean)", Type.BOOLEAN, false);
                    default:
                        break;
                }
            }
            throw ScimException.invalidFilter("The attribute " + attr + " is not a sub-attribute of " + element
                    + (element.equals("emails") ? " (value, type, primary)." : " (value)."));
        }

        private String condition(Column col, Compare c) {
            JsonNode v = c.value();
            String op = c.op();
            if (v.isNull()) {
                return switch (op) {
                    case "eq" -> col.sql + " is null";
                    case "ne" -> col.sql + " is not null";
                    default -> throw ScimException.invalidFilter("Only eq and ne compare with null: " + c.attr() + " " + op + " null");
                };
            }
            return switch (col.type) {
                case BOOLEAN -> {
                    if (!v.isBoolean()) {
                        throw ScimException.invalidFilter(c.attr() + " is a boolean: compare it with true or false.");
                    }
                    String p = bind(v.asBoolean());
                    yield switch (op) {
                        case "eq" -> col.sql + " = " + p;
                        case "ne" -> "(" + col.sql + " is null or " + col.sql + " <> " + p + ")";
                        default -> throw ScimException.invalidFilter("The operator " + op + " does not apply to the boolean " + c.attr() + ".");
                    };
                }
                case DATETIME -> {
                    if (!v.isTextual()) {
                        throw ScimException.invalidFilter(c.attr() + " is a date-time: compare it with a \"2026-01-31T09:00:00Z\" string.");
                    }
                    OffsetDateTime at;
                    try {
                        at = OffsetDateTime.parse(v.asText());
                    } catch (DateTimeParseException e) {
                        throw ScimException.invalidFilter(v.asText() + " is not an ISO-8601 date-time such as 2026-01-31T09:00:00Z.");
                    }
                    String p = bind(at);
                    yield switch (op) {
                        case "eq" -> col.sql + " = " + p;
                        case "ne" -> col.sql + " <> " + p;
                        case "gt" -> col.sql + " > " + p;
                        case "ge" -> col.sql + " >= " + p;
                        case "lt" -> col.sql + " < " + p;
                        case "le" -> col.sql + " <= " + p;
                        default -> throw ScimException.invalidFilter("The operator " + op + " does not apply to the date-time " + c.attr() + ".");
                    };
                }
                case STRING -> {
                    if (!v.isTextual()) {
                        throw ScimException.invalidFilter(c.attr() + " is a string: compare it with a \"quoted\" value.");
                    }
                    String value = col.caseExact ? v.asText() : v.asText().toLowerCase(Locale.ROOT);
                    String x = col.caseExact ? col.sql : "lower(" + col.sql + ")";
                    yield switch (op) {
                        case "eq" -> x + " = " + bind(value);
                        case "ne" -> "(" + col.sql + " is null or " + x + " <> " + bind(value) + ")";
                        case "co" -> x + " like " + bind("%" + escape(value) + "%") + " escape '!'";
                        case "sw" -> x + " like " + bind(escape(value) + "%") + " escape '!'";
                        case "ew" -> x + " like " + bind("%" + escape(value)) + " escape '!'";
                        case "gt" -> x + " > " + bind(value);
                        case "ge" -> x + " >= " + bind(value);
                        case "lt" -> x + " < " + bind(value);
                        default -> x + " <= " + bind(value);
                    };
                }
            };
        }

        private String bind(Object value) {
            String name = "f" + params.size();
            params.put(name, value);
            return ":" + name;
        }

        private static String escape(String s) {
            return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        }
    }

    // ---------------------------------------------------------------- evaluation on one value

    /**
     * Whether one value of a multi-valued attribute matches {@code filter}: {@code element} is an
     * email object, or a text node for a simple multi-valued attribute (referred to as {@code value}).
     */
    public static boolean matches(Node filter, JsonNode element) {
        if (filter instanceof And a) {
            return matches(a.left(), element) && matches(a.right(), element);
        }
        if (filter instanceof Or o) {
            return matches(o.left(), element) || matches(o.right(), element);
        }
        if (filter instanceof Not n) {
            return !matches(n.inner(), element);
        }
        if (filter instanceof ValuePath vp) {
            throw ScimException.invalidPath("A value path cannot be nested: " + vp.attr());
        }
        if (filter instanceof Present p) {
            JsonNode v = field(element, p.attr());
            return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
        }
        Compare c = (Compare) filter;
        return compare(field(element, c.attr()), c);
    }

    private static JsonNode field(JsonNode element, String attr) {
        if (!element.isObject()) {
            if (attr.equalsIgnoreCase("value")) {
                return element;
            }
            throw ScimException.invalidPath("Only value can be compared in a filter on a simple multi-valued attribute, not " + attr + ".");
        }
        for (Iterator<String> it = element.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equalsIgnoreCase(attr)) {
                return element.get(name);
            }
        }
        return null;
    }

    private static boolean compare(JsonNode actual, Compare c) {
        JsonNode expected = c.value();
        if (expected.isNull()) {
            boolean absent = actual == null || actual.isNull();
            return c.op().equals("eq") ? absent : !absent;
        }
        if (actual == null || actual.isNull()) {
            return c.op().equals("ne");
        }
        if (expected.isBoolean() || actual.isBoolean()) {
            boolean same = actual.isBoolean() == expected.isBoolean() && actual.asBoolean() == expected.asBoolean();
            return switch (c.op()) {
                case "eq" -> same;
                case "ne" -> !same;
                default -> throw ScimException.invalidPath("The operator " + c.op() + " does not apply to booleans.");
            };
        }
        String a = actual.asText().toLowerCase(Locale.ROOT);
        String e = expected.asText().toLowerCase(Locale.ROOT);
        return switch (c.op()) {
            case "eq" -> a.equals(e);
            case "ne" -> !a.equals(e);
            case "co" -> a.contains(e);
            case "sw" -> a.startsWith(e);
            case "ew" -> a.endsWith(e);
            case "gt" -> a.compareTo(e) > 0;
            case "ge" -> a.compareTo(e) >= 0;
            case "lt" -> a.compareTo(e) < 0;
            default -> a.compareTo(e) <= 0;
        };
    }
}
