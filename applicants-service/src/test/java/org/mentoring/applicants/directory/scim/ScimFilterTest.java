package org.mentoring.applicants.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mentoring.applicants.directory.service.PersonQuery;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SCIM filters as a directory client writes them: what a filter parses to, the SQL condition it becomes (every
 * client value bound, never in the SQL text), how it matches one value of a multi-valued attribute, and the
 * {@code invalidFilter} message a client gets for a filter it got wrong.
 */
class ScimFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed filter written back compactly: {@code (a and b)}, {@code emails[...]}, values as JSON. */
    private static String show(ScimFilter.Node node) {
        if (node instanceof ScimFilter.Compare c) {
            return c.attr() + " " + c.op() + " " + c.value();
        }
        if (node instanceof ScimFilter.Present p) {
            return p.attr() + " pr";
        }
        if (node instanceof ScimFilter.And a) {
            return "(" + show(a.left()) + " and " + show(a.right()) + ")";
        }
        if (node instanceof ScimFilter.Or o) {
            return "(" + show(o.left()) + " or " + show(o.right()) + ")";
        }
        if (node instanceof ScimFilter.Not n) {
            return "not(" + show(n.inner()) + ")";
        }
        ScimFilter.ValuePath vp = (ScimFilter.ValuePath) node;
        return vp.attr() + "[" + show(vp.filter()) + "]";
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            userName eq "bjensen"                                  | userName eq "bjensen"
            USERNAME EQ "bjensen"                                  | USERNAME eq "bjensen"
            title pr                                               | title pr
            active eq true                                         | active eq true
            active ne FALSE                                        | active ne false
            manager eq null                                        | manager eq null
            meta.lastModified gt "2026-01-31T09:00:00Z"            | meta.lastModified gt "2026-01-31T09:00:00Z"
            x eq 42.5                                              | x eq 42.5
            a eq "1" and b eq "2" or c eq "3"                      | ((a eq "1" and b eq "2") or c eq "3")
            a eq "1" or b eq "2" and c eq "3"                      | (a eq "1" or (b eq "2" and c eq "3"))
            a eq "1" and (b eq "2" or c eq "3")                    | (a eq "1" and (b eq "2" or c eq "3"))
            not (title pr)                                         | not(title pr)
            emails[type eq "work" and value ew "@example.org"]     | emails[(type eq "work" and value ew "@example.org")]
            displayName co "say \\"hi\\"\\u0021"                   | displayName co "say \\"hi\\"!"
            urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "IT" | urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "IT"
            """)
    void aValidFilterParsesTo(String filter, String parsed) {
        assertThat(show(ScimFilter.parse(filter))).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                                  | The filter is empty.
            `   `                               | The filter is empty.
            userName                            | The filter ends where an operator was expected: userName
            userName eq                         | The filter ends where a value was expected: userName eq
            userName is "x"                     | Unknown operator is in filter: userName is "x" (use eq, ne, co, sw, ew, gt, ge, lt, le or pr)
            userName eq bjensen                 | Expected a value (a "string", true, false, null or a number) but found bjensen in filter: userName eq bjensen
            userName eq "bjensen                | A string is not closed in filter: userName eq "bjensen
            userName eq "\\u00"                 | A \\u escape is cut short in filter: userName eq "\\u00"
            userName eq "\\uZZZZ"               | A \\u escape is not valid in filter: userName eq "\\uZZZZ"
            "x" eq "y"                          | Expected an attribute name but found x in filter: "x" eq "y"
            (userName eq "x"                    | The filter ends where ')' was expected: (userName eq "x"
            userName eq "x")                    | Unexpected ) in filter: userName eq "x")
            emails[type eq "work"               | The filter ends where ']' was expected: emails[type eq "work"
            not userName eq "x"                 | Unexpected userName in filter: not userName eq "x"
            userName eq "x" and                 | The filter ends where an attribute name was expected: userName eq "x" and
            """)
    void anInvalidFilterIsAnInvalidFilterError(String filter, String message) {
        assertThatThrownBy(() -> ScimFilter.parse(filter))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("invalidFilter");
                })
                .hasMessage(message);
    }

    @Test
    void aNullFilterIsEmpty() {
        assertThatThrownBy(() -> ScimFilter.parse(null)).isInstanceOf(ScimException.class).hasMessage("The filter is empty.");
    }

    @Test
    void filtersBeyondTheBoundsAreRefusedBeforeTheyCostAnything() {
        assertThatThrownBy(() -> ScimFilter.parse("userName eq \"" + "x".repeat(ScimFilter.MAX_LENGTH) + "\""))
                .hasMessage("The filter has " + (ScimFilter.MAX_LENGTH + 14) + " characters; at most 4096 are accepted.");
        String deep = "(".repeat(ScimFilter.MAX_DEPTH + 1) + "title pr" + ")".repeat(ScimFilter.MAX_DEPTH + 1);
        assertThatThrownBy(() -> ScimFilter.parse(deep))
                .hasMessage("The filter nests parentheses, not (...) and [...] more than 32 levels deep.");
        String many = String.join(" or ", java.util.Collections.nCopies(ScimFilter.MAX_COMPARISONS + 1, "title pr"));
        assertThatThrownBy(() -> ScimFilter.parse(many)).hasMessage("The filter has more than 100 comparisons.");
        // exactly at the bounds: accepted
        String deepest = "(".repeat(ScimFilter.MAX_DEPTH) + "title pr" + ")".repeat(ScimFilter.MAX_DEPTH);
        assertThat(show(ScimFilter.parse(deepest))).isEqualTo("title pr");
        ScimFilter.parse(String.join(" or ", java.util.Collections.nCopies(ScimFilter.MAX_COMPARISONS, "title pr")));
    }

    // ---------------------------------------------------------------- SQL

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            userName eq "BJensen"                | lower(p.user_name) = :f0                      | f0=bjensen
            id eq "AbC"                          | cast(p.id as varchar) = :f0                   | f0=AbC
            userName ne "x"                      | (p.user_name is null or lower(p.user_name) <> :f0) | f0=x
            displayName co "50%_off!"            | lower(p.display_name) like :f0 escape '!'     | f0=%50!%!_off!!%
            displayName sw "An"                  | lower(p.display_name) like :f0 escape '!'     | f0=an%
            displayName ew "son"                 | lower(p.display_name) like :f0 escape '!'     | f0=%son
            title pr                             | p.title is not null                           |
            title eq null                        | p.title is null                               |
            active eq true                       | p.active = :f0                                | f0=true
            active ne false                      | (p.active is null or p.active <> :f0)         | f0=false
            emails pr                            | jsonb_array_length(p.emails -> 'emails') > 0  |
            emails co "@example.org"             | exists (select 1 from jsonb_array_elements(p.emails -> 'emails') e where lower((e ->> 'value')) like :f0 escape '!') | f0=%@example.org%
            emails[type eq "work"]               | exists (select 1 from jsonb_array_elements(p.emails -> 'emails') e where lower((e ->> 'type')) = :f0) | f0=work
            urn:mentoring:scim:schemas:extension:matching:1.0:User:languages eq "DE" | exists (select 1 from unnest(p.languages) l(v) where lower(l.v) = :f0) | f0=de
            not (title pr) and userName sw "a"   | ((not coalesce(p.title is not null, false)) and lower(p.user_name) like :f0 escape '!') | f0=a%
            """)
    void aFilterBecomesAConditionWithEveryValueBound(String filter, String where, String params) {
        PersonQuery query = ScimFilter.toQuery(ScimFilter.parse(filter));

        assertThat(query.where()).isEqualTo(where);
        Map<String, String> bound = new java.util.TreeMap<>();
        query.params().forEach((k, v) -> bound.put(k, String.valueOf(v)));
        assertThat(bound).isEqualTo(params == null ? Map.of() : Map.of(params.split("=", 2)[0], params.split("=", 2)[1]));
    }

    @Test
    void aDateTimeIsBoundAsADateTime() {
        PersonQuery query = ScimFilter.toQuery(ScimFilter.parse("meta.created ge \"2026-01-31T09:00:00+01:00\""));

        assertThat(query.where()).isEqualTo("p.created_at >= :f0");
        assertThat(query.params().get("f0")).isEqualTo(OffsetDateTime.parse("2026-01-31T09:00:00+01:00"));
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            nickName eq "x"                      | The attribute nickName cannot be filtered on.
            active eq "yes"                      | active is a boolean: compare it with true or false.
            active gt true                       | The operator gt does not apply to the boolean active.
            userName eq 3                        | userName is a string: compare it with a "quoted" value.
            userName co null                     | Only eq and ne compare with null: userName co null
            meta.created gt 2026                 | meta.created is a date-time: compare it with a "2026-01-31T09:00:00Z" string.
            meta.created gt "yesterday"          | yesterday is not an ISO-8601 date-time such as 2026-01-31T09:00:00Z.
            meta.created co "2026"               | 2026 is not an ISO-8601 date-time such as 2026-01-31T09:00:00Z.
            meta.created co "2026-01-31T09:00:00Z" | The operator co does not apply to the date-time meta.created.
            title[value eq "x"]                  | The attribute title is not multi-valued; [...] applies to emails and urn:mentoring:scim:schemas:extension:matching:1.0:User:languages.
            emails[display eq "x"]               | The attribute display is not a sub-attribute of emails (value, type, primary).
            emails[emails[type eq "x"]]          | A value path cannot be nested: emails
            """)
    void aFilterOnWhatCannotBeFilteredIsAnInvalidFilterError(String filter, String message) {
        ScimFilter.Node parsed = ScimFilter.parse(filter);

        assertThatThrownBy(() -> ScimFilter.toQuery(parsed))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidFilter"))
                .message().startsWith(message);
    }

    // ---------------------------------------------------------------- one value of a multi-valued attribute

    @ParameterizedTest(name = "{0} on {1}  ->  {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            type eq "WORK"                         | {"value":"a@example.org","type":"work"}  | true
            type eq "home"                         | {"value":"a@example.org","type":"work"}  | false
            value ew "@EXAMPLE.org"                | {"value":"a@example.org","type":"work"}  | true
            type eq "work" and primary eq true     | {"value":"a@x","type":"work","primary":true} | true
            type eq "work" and primary eq true     | {"value":"a@x","type":"work"}            | false
            primary ne true                        | {"value":"a@x"}                          | true
            type eq null                           | {"value":"a@x"}                          | true
            type pr                                | {"value":"a@x","type":""}                | false
            not (type eq "work")                   | {"value":"a@x","type":"home"}            | true
            type eq "home" or value sw "a"         | {"value":"a@x","type":"work"}            | true
            value eq "de"                          | "DE"                                     | true
            value gt "de"                          | "en"                                     | true
            """)
    void aFilterMatchesOneValue(String filter, String value, boolean matches) throws Exception {
        JsonNode element = JSON.readTree(value);

        assertThat(ScimFilter.matches(ScimFilter.parse(filter), element)).isEqualTo(matches);
    }

    @Test
    void onASimpleValueOnlyValueCanBeCompared() throws Exception {
        assertThatThrownBy(() -> ScimFilter.matches(ScimFilter.parse("type eq \"x\""), JSON.readTree("\"de\"")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"))
                .hasMessage("Only value can be compared in a filter on a simple multi-valued attribute, not type.");
    }
}
