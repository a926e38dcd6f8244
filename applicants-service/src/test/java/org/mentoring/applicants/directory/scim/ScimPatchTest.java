package org.mentoring.applicants.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mentoring.applicants.directory.model.Email;
import org.mentoring.applicants.directory.service.PersonData;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SCIM PATCH as an identity provider sends it: what each PatchOp does to the User, and the SCIM error (its
 * {@code scimType} and message) for a PatchOp the service cannot apply.
 */
class ScimPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENT = Scim.ENTERPRISE;
    private static final String MATCH = Scim.MATCHING;

    /** The User as the service renders it, before each PATCH. */
    private static ObjectNode user() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"schemas":["%s"],"userName":"ada","displayName":"Ada","title":"Engineer",
                     "name":{"givenName":"Ada","familyName":"Lovelace"},
                     "emails":[{"value":"ada@work.org","type":"work","primary":true},{"value":"ada@home.org","type":"home"}]}
                    """.formatted(Scim.USER));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode patch(String operations) throws Exception {
        return JSON.readTree("{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":" + operations + "}");
    }

    private static Arguments change(String name, String operations, String pointer, String expected) {
        return Arguments.of(name, operations, pointer, expected);
    }

    static Stream<Arguments> patches() {
        return Stream.of(
                change("replace a simple attribute", "[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Ada L.\"}]",
                        "/displayName", "\"Ada L.\""),
                change("op and path in any case", "[{\"OP\":\"Replace\",\"Path\":\"DISPLAYNAME\",\"Value\":\"Ada L.\"}]",
                        "/displayName", "\"Ada L.\""),
                change("remove a simple attribute", "[{\"op\":\"remove\",\"path\":\"title\"}]", "/title", null),
                change("replace with null removes", "[{\"op\":\"replace\",\"path\":\"title\",\"value\":null}]", "/title", null),
                change("add without a path", "[{\"op\":\"add\",\"value\":{\"title\":\"Head of IT\",\"displayName\":\"A\"}}]",
                        "/title", "\"Head of IT\""),
                change("a sub-attribute", "[{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Augusta\"}]",
                        "/name", "{\"givenName\":\"Augusta\",\"familyName\":\"Lovelace\"}"),
                change("a filtered value's sub-attribute",
                        "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"ada@new.org\"}]",
                        "/emails/0", "{\"value\":\"ada@new.org\",\"type\":\"work\",\"primary\":true}"),
                change("remove the values a filter matches", "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}]",
                        "/emails", "[{\"value\":\"ada@work.org\",\"type\":\"work\",\"primary\":true}]"),
                change("add to a filter that matches nothing creates the value",
                        "[{\"op\":\"add\",\"path\":\"emails[type eq \\\"other\\\"].value\",\"value\":\"a@other.org\"}]",
                        "/emails/2", "{\"type\":\"other\",\"value\":\"a@other.org\"}"),
                change("a new primary takes the flag from the old one",
                        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"a@new.org\",\"primary\":true}]}]",
                        "/emails", "[{\"value\":\"ada@work.org\",\"type\":\"work\",\"primary\":false},"
                                + "{\"value\":\"ada@home.org\",\"type\":\"home\"},{\"value\":\"a@new.org\",\"primary\":true}]"),
                change("adding a known address merges it",
                        "[{\"op\":\"add\",\"path\":\"emails\",\"value\":{\"value\":\"ADA@home.org\",\"type\":\"other\"}}]",
                        "/emails/1", "{\"value\":\"ADA@home.org\",\"type\":\"other\"}"),
                change("an extension attribute creates the extension", "[{\"op\":\"add\",\"path\":\"" + ENT
                        + ":department\",\"value\":\"IT\"}]", "/" + ENT, "{\"department\":\"IT\"}"),
                change("the extension is added to schemas", "[{\"op\":\"add\",\"path\":\"" + ENT
                        + ":department\",\"value\":\"IT\"}]", "/schemas", "[\"" + Scim.USER + "\",\"" + ENT + "\"]"),
                change("a whole extension without a path", "[{\"op\":\"add\",\"value\":{\"" + MATCH
                        + "\":{\"grade\":\"E13\"}}}]", "/" + MATCH, "{\"grade\":\"E13\"}"),
                change("a manager given as a bare id", "[{\"op\":\"replace\",\"path\":\"" + ENT
                        + ":manager\",\"value\":\"2819c223-7f76-453a-919d-413861904646\"}]",
                        "/" + ENT + "/manager", "{\"value\":\"2819c223-7f76-453a-919d-413861904646\"}"),
                change("languages are added once, regardless of case", "[{\"op\":\"add\",\"path\":\"" + MATCH
                        + ":languages\",\"value\":[\"en\",\"de\"]},{\"op\":\"add\",\"path\":\"" + MATCH + ":languages\",\"value\":\"EN\"}]",
                        "/" + MATCH + "/languages", "[\"en\",\"de\"]"),
                change("removing one language by filter", "[{\"op\":\"add\",\"path\":\"" + MATCH
                        + ":languages\",\"value\":[\"en\",\"de\"]},{\"op\":\"remove\",\"path\":\"" + MATCH + ":languages[value eq \\\"en\\\"]\"}]",
                        "/" + MATCH + "/languages", "[\"de\"]"),
                change("removing an extension's last attribute removes the extension", "[{\"op\":\"add\",\"path\":\"" + ENT
                        + ":department\",\"value\":\"IT\"},{\"op\":\"remove\",\"path\":\"" + ENT + ":department\"}]", "/" + ENT, null),
                change("an attribute we do not store is accepted and ignored",
                        "[{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"Countess\"}]", "/nickName", null),
                change("operations apply in order", "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"A\"},"
                        + "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"B\"}]", "/title", "\"B\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patches")
    void aPatchChangesTheUser(String name, String operations, String pointer, String expected) throws Exception {
        ObjectNode user = user();

        PersonData read = ScimPatch.apply(user, patch(operations));

        JsonNode actual = user.at(pointer);
        if (expected == null) {
            assertThat(actual.isMissingNode()).as("%s is gone: %s", pointer, user).isTrue();
        } else {
            assertThat(actual).as("%s of %s", pointer, user).isEqualTo(JSON.readTree(expected));
        }
        assertThat(read.userName()).isEqualTo("ada");
    }

    @Test
    void thePatchedUserIsReadAsThePerson() throws Exception {
        PersonData read = ScimPatch.apply(user(), patch("[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"].primary\","
                + "\"value\":true},{\"op\":\"add\",\"path\":\"" + MATCH + ":location.country\",\"value\":\"DE\"}]"));

        assertThat(read.emails()).containsExactly(new Email("ada@work.org", "work", false), new Email("ada@home.org", "home", true));
        assertThat(read.country()).isEqualTo("DE");
    }

    private static Arguments refused(String name, String body, String scimType, String message) {
        return Arguments.of(name, body, scimType, message);
    }

    private static String ops(String operations) {
        return "{\"schemas\":[\"" + Scim.PATCH_OP + "\"],\"Operations\":" + operations + "}";
    }

    static Stream<Arguments> refusedPatches() {
        return Stream.of(
                refused("not an object", "[]", "invalidSyntax", "The body must be a JSON object: a PatchOp message."),
                refused("no PatchOp schema", "{\"schemas\":[\"" + Scim.USER + "\"],\"Operations\":[]}", "invalidSyntax",
                        "schemas must be [\"" + Scim.PATCH_OP + "\"]."),
                refused("no operations", ops("[]"), "invalidSyntax", "Operations must be a non-empty array of {op, path, value}."),
                refused("a field besides schemas and Operations", "{\"schemas\":[\"" + Scim.PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"add\",\"value\":{}}],\"id\":\"1\"}", "invalidSyntax",
                        "A PatchOp has only schemas and Operations, not id."),
                refused("an operation that is not an object", ops("[\"add\"]"), "invalidSyntax",
                        "Operations[0] must be an object {op, path, value}."),
                refused("no op", ops("[{\"path\":\"title\",\"value\":\"x\"}]"), "invalidSyntax",
                        "Operations[0].op must be add, remove or replace."),
                refused("an op SCIM does not have", ops("[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"},"
                        + "{\"op\":\"move\",\"path\":\"title\"}]"), "invalidSyntax", "Operations[1].op is move but must be add, remove or replace."),
                refused("a JSON Patch field", ops("[{\"op\":\"add\",\"from\":\"title\",\"path\":\"title\",\"value\":\"x\"}]"),
                        "invalidSyntax", "Operations[0] has from; an operation has only op, path and value."),
                refused("a path that is not a string", ops("[{\"op\":\"add\",\"path\":7,\"value\":\"x\"}]"), "invalidPath",
                        "Operations[0].path must be a string."),
                refused("remove without a path", ops("[{\"op\":\"remove\"}]"), "noTarget",
                        "Operations[0]: remove needs a path naming what to remove."),
                refused("replace without a value", ops("[{\"op\":\"replace\",\"path\":\"title\"}]"), "invalidValue",
                        "Operations[0]: replace needs a value."),
                refused("no path and a value that is not an object", ops("[{\"op\":\"add\",\"value\":\"x\"}]"), "invalidValue",
                        "Operations[0]: without a path, value must be an object of attributes."),
                refused("an unknown attribute", ops("[{\"op\":\"add\",\"path\":\"shoeSize\",\"value\":\"x\"}]"), "invalidPath",
                        "The path shoeSize names no attribute of User here (see /scim/v2/Schemas)."),
                refused("an unknown schema", ops("[{\"op\":\"add\",\"path\":\"urn:example:User:x\",\"value\":\"x\"}]"), "invalidPath",
                        "The path urn:example:User:x names an unknown schema; the User schemas are " + String.join(", ", Scim.USER_SCHEMAS) + "."),
                refused("a read-only attribute", ops("[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]"), "mutability",
                        "The attribute id is read-only: only the service sets it."),
                refused("a read-only sub-attribute", ops("[{\"op\":\"replace\",\"path\":\"" + ENT + ":manager.displayName\",\"value\":\"x\"}]"),
                        "mutability", "The attribute manager.displayName is read-only: only the service sets it."),
                refused("an extension attribute without its schema", ops("[{\"op\":\"add\",\"path\":\"department\",\"value\":\"IT\"}]"),
                        "invalidPath", "The attribute department belongs to the extension " + ENT + ": use the path " + ENT + ":department."),
                refused("a filter on a single value", ops("[{\"op\":\"add\",\"path\":\"title[value eq \\\"x\\\"]\",\"value\":\"x\"}]"),
                        "invalidPath", "The attribute title is not multi-valued: it takes no [filter]."),
                refused("a broken filter in the path", ops("[{\"op\":\"remove\",\"path\":\"emails[type eq]\"}]"), "invalidPath",
                        "The filter in path emails[type eq] is not valid: The filter ends where a value was expected: type eq"),
                refused("a filter without its ]", ops("[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"x\\\"\"}]"), "invalidPath",
                        "The path emails[type eq \"x\" has a [ without ]."),
                refused("something after the filter", ops("[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"x\\\"]value\"}]"),
                        "invalidPath", "The path emails[type eq \"x\"]value has value after its filter."),
                refused("an unknown sub-attribute", ops("[{\"op\":\"add\",\"path\":\"name.nick\",\"value\":\"x\"}]"), "invalidPath",
                        "The path name.nick names no sub-attribute of name here (see /scim/v2/Schemas)."),
                refused("replace where the filter matches nothing",
                        ops("[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"other\\\"].value\",\"value\":\"x@y.org\"}]"),
                        "noTarget", "No value of emails[type eq \"other\"].value matches."),
                refused("an email that is not an object", ops("[{\"op\":\"add\",\"path\":\"emails\",\"value\":\"a@b.org\"}]"),
                        "invalidValue", "emails values must be objects such as {\"value\": ..., \"type\": \"work\"}."),
                refused("a name that is not an object", ops("[{\"op\":\"replace\",\"path\":\"name\",\"value\":\"Ada\"}]"),
                        "invalidValue", "name must be set to an object of its sub-attributes."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPatches")
    void aPatchTheServiceCannotApplyIsA400(String name, String body, String scimType, String message) throws Exception {
        JsonNode patch = JSON.readTree(body);

        assertThatThrownBy(() -> ScimPatch.apply(user(), patch))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo(scimType);
                })
                .hasMessage(message);
    }

    @Test
    void moreThanAHundredOperationsAreRefused() throws Exception {
        String one = "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}";
        JsonNode many = patch("[" + String.join(",", java.util.Collections.nCopies(ScimPatch.MAX_OPERATIONS + 1, one)) + "]");

        assertThatThrownBy(() -> ScimPatch.apply(user(), many)).hasMessage("Operations has more than 100 entries.");
        ScimPatch.apply(user(), patch("[" + String.join(",", java.util.Collections.nCopies(ScimPatch.MAX_OPERATIONS, one)) + "]"));
    }

    @Test
    void aResultThatIsNotAValidUserIsRefusedAsAWhole() throws Exception {
        ObjectNode user = user();

        assertThatThrownBy(() -> ScimPatch.apply(user, patch("[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"yes\"}]")))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"))
                .message().startsWith("Invalid attribute values: ");
    }
}
