package org.mentoring.applicants.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.mentoring.applicants.directory.DirectoryFixtures.ENTERPRISE;
import static org.mentoring.applicants.directory.DirectoryFixtures.MATCHING;
import static org.mentoring.applicants.directory.DirectoryFixtures.SCIM;
import static org.mentoring.applicants.directory.DirectoryFixtures.create;
import static org.mentoring.applicants.directory.DirectoryFixtures.hr;
import static org.mentoring.applicants.directory.DirectoryFixtures.op;
import static org.mentoring.applicants.directory.DirectoryFixtures.patchOp;
import static org.mentoring.applicants.directory.DirectoryFixtures.scim;
import static org.mentoring.applicants.directory.DirectoryFixtures.scimError;
import static org.mentoring.applicants.directory.DirectoryFixtures.unique;
import static org.mentoring.applicants.directory.DirectoryFixtures.user;
import static org.mentoring.applicants.directory.DirectoryFixtures.withManager;
import static org.mentoring.applicants.directory.DirectoryFixtures.write;

/** SCIM 2.0 /scim/v2/Users through HTTP: the operations, filters, paging, errors and roles. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ScimUsersTest {

    private final String hr = hr();

    @Test
    void createReadAndReplaceWithEtags() {
        String userName = unique("ada");
        var created = scim(hr).body(write(user(userName))).post("/scim/v2/Users").then()
                .statusCode(201)
                .contentType(SCIM)
                .header("Location", containsString("/scim/v2/Users/"))
                .header("ETag", notNullValue())
                .body("schemas", containsInAnyOrder(DirectoryFixtures.USER, ENTERPRISE, MATCHING))
                .body("userName", equalTo(userName))
                .body("externalId", equalTo("ext-" + userName))
                .body("name.givenName", equalTo("Ada"))
                .body("emails[0].value", equalTo(userName + "@example.org"))
                .body("emails[0].primary", equalTo(true))
                .body("active", equalTo(true))
                .body("'" + ENTERPRISE + "'.organization", equalTo("Institute of Computing"))
                .body("'" + MATCHING + "'.location.country", equalTo("DE"))
                .body("'" + MATCHING + "'.location.latitude", equalTo(52.52f))
                .body("'" + MATCHING + "'.languages", contains("en", "de"))
                .body("meta.resourceType", equalTo("User"))
                .extract();
        String id = created.path("id");
        String etag = created.header("ETag");
        assertThat(created.header("Location")).endsWith("/scim/v2/Users/" + id);
        assertThat((String) created.path("meta.version")).isEqualTo(etag);
        assertThat((String) created.path("meta.location")).isEqualTo(created.header("Location"));

        scim(hr).get("/scim/v2/Users/{id}", id).then().statusCode(200).contentType(SCIM)
                .header("ETag", equalTo(etag)).body("id", equalTo(id)).body("title", equalTo("Doctoral researcher"));

        // PUT replaces: what is left out is cleared; read-only attributes sent back are ignored
        ObjectNode replacement = user(userName);
        replacement.remove("title");
        replacement.put("id", "something-else");
        replacement.putObject("meta").put("version", "W/\"whatever\"");
        replacement.putObject("name").put("givenName", "Augusta");
        String newEtag = scim(hr).header("If-Match", etag).body(write(replacement)).put("/scim/v2/Users/{id}", id).then()
                .statusCode(200).contentType(SCIM)
                .body("id", equalTo(id))
                .body("title", nullValue())
                .body("name.givenName", equalTo("Augusta"))
                .body("name.familyName", nullValue())
                .extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);

        // a stale If-Match is refused and changes nothing
        replacement.put("title", "Professor");
        scimError(scim(hr).header("If-Match", etag).body(write(replacement)).put("/scim/v2/Users/{id}", id).then(), 412, null)
                .body("detail", containsString(newEtag));
        scim(hr).get("/scim/v2/Users/{id}", id).then().statusCode(200).header("ETag", equalTo(newEtag)).body("title", nullValue());

        // If-Match is optional for SCIM clients; a weak tag matches too
        scim(hr).header("If-Match", "W/" + newEtag).body(write(replacement)).put("/scim/v2/Users/{id}", id).then()
                .statusCode(200).body("title", equalTo("Professor"));
    }

    @Test
    void acceptsApplicationJsonAndAnswersScim() {
        String userName = unique("json");
        given().auth().oauth2(hr).contentType(ContentType.JSON).body(write(user(userName))).post("/scim/v2/Users").then()
                .statusCode(201).contentType(SCIM).body("userName", equalTo(userName));
    }

    @Test
    void patchAddsReplacesAndRemovesWithAndWithoutPath() {
        String id = create(hr, user(unique("patch")));
        ObjectNode noPathValue = DirectoryFixtures.JSON.createObjectNode();
        noPathValue.put("displayName", "Countess Lovelace");
        noPathValue.put("name.familyName", "King");
        noPathValue.putArray("emails").addObject().put("value", "ada.home@example.org").put("type", "home");
        noPathValue.putObject(ENTERPRISE).put("department", "Analytical Engines");
        noPathValue.put(MATCHING + ":location.city", "London");

        String etag = scim(hr).get("/scim/v2/Users/{id}", id).then().extract().header("ETag");
        scim(hr).header("If-Match", etag).body(write(patchOp(
                        op("replace", "title", "Postdoc"),
                        op("Replace", "name.givenName", "Augusta Ada"),
                        op("add", null, noPathValue),
                        op("replace", "emails[type eq \"work\"].value", "ada.work@example.org"),
                        op("add", "emails[type eq \"other\"].value", "ada.other@example.org"),
                        op("remove", "emails[type eq \"home\"]", null),
                        op("replace", ENTERPRISE + ":organization", "Institute of Engines"),
                        op("replace", ENTERPRISE + ":employeeNumber", "E-7"),
                        op("replace", MATCHING + ":location.country", "gb"),
                        op("replace", MATCHING + ":location", Map.of("latitude", 51.5, "longitude", -0.12)),
                        op("add", MATCHING + ":languages", List.of("fr", "en")),
                        op("remove", MATCHING + ":languages[value eq \"de\"]", null),
                        op("add", null, Map.of("phoneNumbers", List.of(Map.of("value", "+44 20 0000"))))
                )))
                .patch("/scim/v2/Users/{id}", id).then()
                .statusCode(200).contentType(SCIM)
                .header("ETag", not(equalTo(etag)))
                .body("title", equalTo("Postdoc"))
                .body("displayName", equalTo("Countess Lovelace"))
                .body("name.givenName", equalTo("Augusta Ada"))
                .body("name.familyName", equalTo("King"))
                .body("emails.value", containsInAnyOrder("ada.work@example.org", "ada.other@example.org"))
                .body("emails.find { it.type == 'work' }.primary", equalTo(true))
                .body("'" + ENTERPRISE + "'.department", equalTo("Analytical Engines"))
                .body("'" + ENTERPRISE + "'.organization", equalTo("Institute of Engines"))
                .body("'" + ENTERPRISE + "'.employeeNumber", equalTo("E-7"))
                .body("'" + MATCHING + "'.location.city", equalTo("London"))
                .body("'" + MATCHING + "'.location.country", equalTo("GB"))
                .body("'" + MATCHING + "'.location.latitude", equalTo(51.5f))
                .body("'" + MATCHING + "'.languages", contains("en", "fr"));

        // deactivate with a path-less replace, as Entra ID does (even with a string boolean)
        scim(hr).body(write(patchOp(op("replace", null, Map.of("active", "False"))))).patch("/scim/v2/Users/{id}", id).then()
                .statusCode(200).body("active", equalTo(false));
        scim(hr).body(write(patchOp(op("replace", "active", true), op("remove", "title", null),
                        op("remove", ENTERPRISE + ":department", null))))
                .patch("/scim/v2/Users/{id}", id).then()
                .statusCode(200).body("active", equalTo(true)).body("title", nullValue())
                .body("'" + ENTERPRISE + "'.department", nullValue())
                .body("'" + ENTERPRISE + "'.organization", equalTo("Institute of Engines"));

        // a new primary email takes the flag from the old one
        scim(hr).body(write(patchOp(op("add", "emails", List.of(Map.of("value", "ada.new@example.org", "type", "work", "primary", true))))))
                .patch("/scim/v2/Users/{id}", id).then().statusCode(200)
                .body("emails.findAll { it.primary == true }.value", contains("ada.new@example.org"));
    }

    @Test
    void badPatchesAreScimErrorsAndChangeNothing() {
        String id = create(hr, user(unique("badpatch")));
        String etag = scim(hr).get("/scim/v2/Users/{id}", id).then().extract().header("ETag");

        scimError(scim(hr).body(write(patchOp(op("remove", null, null)))).patch("/scim/v2/Users/{id}", id).then(), 400, "noTarget");
        scimError(scim(hr).body(write(patchOp(op("replace", "emails[type eq \"home\"].value", "x@example.org"))))
                .patch("/scim/v2/Users/{id}", id).then(), 400, "noTarget");
        scimError(scim(hr).body(write(patchOp(op("replace", "id", "abc")))).patch("/scim/v2/Users/{id}", id).then(), 400, "mutability");
        scimError(scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":manager.displayName", "Boss"))))
                .patch("/scim/v2/Users/{id}", id).then(), 400, "mutability");
        scimError(scim(hr).body(write(patchOp(op("replace", "favouriteColour", "blue")))).patch("/scim/v2/Users/{id}", id).then(),
                400, "invalidPath");
        scimError(scim(hr).body(write(patchOp(op("replace", "department", "x")))).patch("/scim/v2/Users/{id}", id).then(),
                400, "invalidPath").body("detail", containsString(ENTERPRISE));
        scimError(scim(hr).body(write(patchOp(op("move", "title", "x")))).patch("/scim/v2/Users/{id}", id).then(), 400, "invalidSyntax");
        scimError(scim(hr).body("{\"Operations\": []}").patch("/scim/v2/Users/{id}", id).then(), 400, "invalidSyntax");
        // the first operation is valid, the second is not: neither applies
        scimError(scim(hr).body(write(patchOp(op("replace", "title", "Changed"),
                        op("replace", "emails[type eq \"work\"].value", "not-an-email"))))
                .patch("/scim/v2/Users/{id}", id).then(), 400, "invalidValue")
                .body("detail", containsString("emails[0].value"));
        scimError(scim(hr).header("If-Match", "\"999\"").body(write(patchOp(op("replace", "title", "Changed"))))
                .patch("/scim/v2/Users/{id}", id).then(), 412, null);

        scim(hr).get("/scim/v2/Users/{id}", id).then().statusCode(200).header("ETag", equalTo(etag))
                .body("title", equalTo("Doctoral researcher"));
    }

    @Test
    void listFiltersAndPages() {
        String department = unique("dept");
        String prefix = unique("pg");
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            ObjectNode u = user(prefix + "-" + i);
            ((ObjectNode) u.get(ENTERPRISE)).put("department", department);
            ids[i] = create(hr, u);
        }
        String departmentFilter = ENTERPRISE + ":department eq \"" + department + "\"";

        scim(hr).queryParam("filter", departmentFilter).queryParam("count", 2).get("/scim/v2/Users").then()
                .statusCode(200).contentType(SCIM)
                .body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(3))
                .body("itemsPerPage", equalTo(2))
                .body("startIndex", equalTo(1))
                .body("Resources.id", contains(ids[0], ids[1]));
        scim(hr).queryParam("filter", departmentFilter).queryParam("startIndex", 3).queryParam("count", 2).get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(3)).body("itemsPerPage", equalTo(1)).body("startIndex", equalTo(3))
                .body("Resources.id", contains(ids[2]));
        scim(hr).queryParam("filter", departmentFilter).queryParam("count", 0).get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(3)).body("itemsPerPage", equalTo(0)).body("Resources", hasSize(0));

        // userName is not case-exact; externalId is
        scim(hr).queryParam("filter", "userName eq \"" + (prefix + "-1").toUpperCase() + "\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(ids[1]));
        scim(hr).queryParam("filter", "externalId eq \"ext-" + prefix + "-2\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(ids[2]));
        scim(hr).queryParam("filter", "externalId eq \"EXT-" + prefix + "-2\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(0));

        scim(hr).delete("/scim/v2/Users/{id}", ids[0]).then().statusCode(204);
        scim(hr).queryParam("filter", departmentFilter + " and active eq true").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(2)).body("Resources.id", contains(ids[1], ids[2]));
        scim(hr).queryParam("filter", "active eq true and externalId eq \"ext-" + prefix + "-0\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(0));
        scim(hr).queryParam("filter", "userName sw \"" + prefix + "\" and (active eq false or emails[type eq \"work\" and value co \""
                        + prefix + "-2@\"])").get("/scim/v2/Users").then()
                .statusCode(200).body("Resources.id", contains(ids[0], ids[2]));
        scim(hr).queryParam("filter", MATCHING + ":languages eq \"en\" and " + departmentFilter + " and not (userName eq \""
                        + prefix + "-1\")").get("/scim/v2/Users").then()
                .statusCode(200).body("Resources.id", contains(ids[0], ids[2]));

        String secondCreated = scim(hr).get("/scim/v2/Users/{id}", ids[1]).then().extract().path("meta.created");
        scim(hr).queryParam("filter", departmentFilter + " and meta.created ge \"" + secondCreated + "\"").get("/scim/v2/Users").then()
                .statusCode(200).body("Resources.id", contains(ids[1], ids[2]));
        scim(hr).queryParam("filter", departmentFilter + " and meta.lastModified gt \"" + secondCreated + "\" and meta.created lt \""
                        + secondCreated + "\"").get("/scim/v2/Users").then()
                .statusCode(200).body("Resources.id", contains(ids[0]));

        // the same search as POST /.search
        scim(hr).body("{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"], \"filter\": "
                        + write(DirectoryFixtures.JSON.getNodeFactory().textNode(departmentFilter)) + ", \"startIndex\": 2, \"count\": 5}")
                .post("/scim/v2/Users/.search").then()
                .statusCode(200).body("totalResults", equalTo(3)).body("Resources.id", contains(ids[1], ids[2]));
    }

    @Test
    void badFiltersAreInvalidFilter() {
        for (String filter : List.of("favouriteColour eq \"blue\"", "userName eq", "userName like \"a\"", "userName eq \"a\" and",
                "(userName eq \"a\"", "active eq \"yes\"", "meta.lastModified gt \"yesterday\"", "userName eq \"unterminated")) {
            scimError(scim(hr).queryParam("filter", filter).get("/scim/v2/Users").then(), 400, "invalidFilter");
        }
        scimError(scim(hr).queryParam("count", "many").get("/scim/v2/Users").then(), 400, "invalidValue");
    }

    @Test
    void filtersBeyondTheBoundsAreInvalidFilterNotAnOverflow() {
        String comparison = "userName eq \"a\"";
        String tenThousandDeep = "(".repeat(10_000) + comparison + ")".repeat(10_000);
        String thirtyThreeDeep = "(".repeat(33) + comparison + ")".repeat(33);
        String thirtyThreeNots = "not (".repeat(33) + comparison + ")".repeat(33);
        String hundredAndOneComparisons = String.join(" or ", java.util.Collections.nCopies(101, comparison));
        String tooLong = "userName eq \"" + "a".repeat(5000) + "\"";
        for (String filter : List.of(tenThousandDeep, thirtyThreeDeep, thirtyThreeNots, hundredAndOneComparisons, tooLong)) {
            scimError(search(filter), 400, "invalidFilter");
        }
        // within the bounds: 32 levels, not (...), and 100 comparisons are answered
        String userName = unique("nested");
        String id = create(hr, user(userName));
        String match = "userName eq \"" + userName + "\"";
        for (String filter : List.of("(".repeat(32) + match + ")".repeat(32), "not (not (" + match + "))",
                String.join(" or ", java.util.Collections.nCopies(99, comparison)) + " or " + match)) {
            search(filter).statusCode(200).body("Resources.id", contains(id));
        }
    }

    /** POST /.search, as a filter this long would not fit in a request line. */
    private io.restassured.response.ValidatableResponse search(String filter) {
        return scim(hr).body("{\"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"], \"filter\": "
                + write(DirectoryFixtures.JSON.getNodeFactory().textNode(filter)) + "}").post("/scim/v2/Users/.search").then();
    }

    @Test
    void deleteDeactivatesAndKeepsThePerson() {
        String id = create(hr, user(unique("leaver")));
        scim(hr).delete("/scim/v2/Users/{id}", id).then().statusCode(204);
        scim(hr).get("/scim/v2/Users/{id}", id).then().statusCode(200).body("active", equalTo(false));
        scim(hr).delete("/scim/v2/Users/{id}", id).then().statusCode(204);
        scimError(scim(hr).delete("/scim/v2/Users/{id}", "5f0c7e64-3b8e-4a3c-9a51-6a3f7e0b1c2d").then(), 404, null);
        scimError(scim(hr).get("/scim/v2/Users/{id}", "not-a-uuid").then(), 404, null).body("scimType", nullValue());
    }

    @Test
    void badValuesAreRefusedNamingTheAttribute() {
        String userName = unique("bad");

        ObjectNode badEmail = user(userName);
        ((ObjectNode) badEmail.get("emails").get(0)).put("value", "ada(at)example.org");
        scimError(post(badEmail), 400, "invalidValue").body("detail", containsString("emails[0].value"));

        ObjectNode badLatitude = user(userName);
        ((ObjectNode) badLatitude.get(MATCHING).get("location")).put("latitude", 91.0);
        scimError(post(badLatitude), 400, "invalidValue").body("detail", containsString(MATCHING + ":location.latitude"));

        ObjectNode badLongitude = user(userName);
        ((ObjectNode) badLongitude.get(MATCHING).get("location")).put("longitude", -180.5);
        scimError(post(badLongitude), 400, "invalidValue").body("detail", containsString(MATCHING + ":location.longitude"));

        ObjectNode badLanguage = user(userName);
        ((com.fasterxml.jackson.databind.node.ArrayNode) badLanguage.get(MATCHING).get("languages")).add("xx");
        scimError(post(badLanguage), 400, "invalidValue").body("detail", containsString(MATCHING + ":languages[2]"))
                .body("detail", containsString("xx"));

        ObjectNode badCountry = user(userName);
        ((ObjectNode) badCountry.get(MATCHING).get("location")).put("country", "XY");
        scimError(post(badCountry), 400, "invalidValue").body("detail", containsString(MATCHING + ":location.country"));

        ObjectNode noUserName = user(userName);
        noUserName.remove("userName");
        scimError(post(noUserName), 400, "invalidValue").body("detail", containsString("userName"));

        ObjectNode wrongType = user(userName);
        wrongType.put("active", 3);
        scimError(post(wrongType), 400, "invalidValue").body("detail", containsString("active"));

        ObjectNode unknownManager = withManager(user(userName), "5f0c7e64-3b8e-4a3c-9a51-6a3f7e0b1c2d");
        scimError(post(unknownManager), 400, "invalidValue").body("detail", containsString(ENTERPRISE + ":manager.value"));

        ObjectNode unknownAttribute = user(userName);
        unknownAttribute.put("favouriteColour", "blue");
        scimError(post(unknownAttribute), 400, "invalidSyntax").body("detail", containsString("favouriteColour"));

        ObjectNode noSchemas = user(userName);
        noSchemas.remove("schemas");
        scimError(post(noSchemas), 400, "invalidSyntax").body("detail", containsString("schemas"));

        scimError(scim(hr).body("{\"schemas\": [").post("/scim/v2/Users").then(), 400, "invalidSyntax");
        scimError(scim(hr).body("[]").post("/scim/v2/Users").then(), 400, "invalidSyntax");

        // none of these stored anything
        scim(hr).queryParam("filter", "userName eq \"" + userName + "\"").get("/scim/v2/Users").then()
                .statusCode(200).body("totalResults", equalTo(0));
    }

    @Test
    void userNameAndExternalIdAreUnique() {
        String userName = unique("dup");
        String id = create(hr, user(userName));
        ObjectNode sameNameOtherCase = user(userName.toUpperCase());
        sameNameOtherCase.put("externalId", "other-" + userName);
        scimError(post(sameNameOtherCase), 409, "uniqueness").body("detail", containsString("userName"));

        ObjectNode sameExternalId = user(unique("dup2"));
        sameExternalId.put("externalId", "ext-" + userName);
        scimError(post(sameExternalId), 409, "uniqueness").body("detail", containsString("externalId"));

        // renaming another user onto a taken userName is refused as well
        String other = create(hr, user(unique("dup3")));
        scimError(scim(hr).body(write(patchOp(op("replace", "userName", userName)))).patch("/scim/v2/Users/{id}", other).then(),
                409, "uniqueness");
        scim(hr).get("/scim/v2/Users/{id}", id).then().statusCode(200).body("userName", equalTo(userName));
    }

    @Test
    void managersMustExistAndNeverFormACycle() {
        String top = create(hr, user(unique("top")));
        String middle = create(hr, withManager(user(unique("middle")), top));
        ObjectNode leafUser = withManager(user(unique("leaf")), middle);
        String leaf = create(hr, leafUser);

        scim(hr).get("/scim/v2/Users/{id}", leaf).then().statusCode(200)
                .body("'" + ENTERPRISE + "'.manager.value", equalTo(middle))
                .body("'" + ENTERPRISE + "'.manager.displayName", equalTo("Ada Lovelace"))
                .body("'" + ENTERPRISE + "'.manager.$ref", endsWith("/scim/v2/Users/" + middle));

        // top reporting to leaf would close the circle top -> middle -> leaf -> top
        scimError(scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":manager.value", leaf)))).patch("/scim/v2/Users/{id}", top).then(),
                400, "invalidValue").body("detail", containsString("cycle"));
        scimError(scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":manager", Map.of("value", top)))))
                .patch("/scim/v2/Users/{id}", top).then(), 400, "invalidValue").body("detail", containsString("themself"));
        scim(hr).get("/scim/v2/Users/{id}", top).then().statusCode(200).body("'" + ENTERPRISE + "'.manager", nullValue());

        // moving the leaf up and removing the manager works
        scim(hr).body(write(patchOp(op("replace", ENTERPRISE + ":manager", top)))).patch("/scim/v2/Users/{id}", leaf).then()
                .statusCode(200).body("'" + ENTERPRISE + "'.manager.value", equalTo(top));
        scim(hr).body(write(patchOp(op("remove", ENTERPRISE + ":manager", null)))).patch("/scim/v2/Users/{id}", leaf).then()
                .statusCode(200).body("'" + ENTERPRISE + "'.manager", nullValue());
    }

    @Test
    void onlyTheHrIntegrationRoleMayUseScim() {
        String id = create(hr, user(unique("roles")));
        for (String token : List.of(TestTokens.participant("p-roles"), TestTokens.admin("a-roles"))) {
            scimError(scim(token).get("/scim/v2/Users/{id}", id).then(), 403, null);
            scimError(scim(token).get("/scim/v2/Users").then(), 403, null);
            scimError(scim(token).body(write(user(unique("x")))).post("/scim/v2/Users").then(), 403, null);
            scimError(scim(token).delete("/scim/v2/Users/{id}", id).then(), 403, null);
        }
        scimError(given().accept(SCIM).get("/scim/v2/Users/{id}", id).then(), 401, null).header("WWW-Authenticate", "Bearer");
        scimError(given().contentType(SCIM).body(write(user(unique("x")))).post("/scim/v2/Users").then(), 401, null);
        scimError(given().auth().oauth2(TestTokens.expired("hris", TestTokens.HR_INTEGRATION)).get("/scim/v2/Users").then(), 401, null);
        scim(hr).get("/scim/v2/Users/{id}", id).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void discoveryDescribesWhatIsSupported() {
        scim(hr).get("/scim/v2/ServiceProviderConfig").then().statusCode(200).contentType(SCIM)
                .body("schemas", contains("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"))
                .body("patch.supported", equalTo(true))
                .body("bulk.supported", equalTo(false))
                .body("filter.supported", equalTo(true))
                .body("filter.maxResults", equalTo(200))
                .body("sort.supported", equalTo(false))
                .body("etag.supported", equalTo(true))
                .body("authenticationSchemes[0].type", equalTo("oauthbearertoken"));
        scim(hr).get("/scim/v2/Schemas").then().statusCode(200)
                .body("totalResults", equalTo(3))
                .body("Resources.id", containsInAnyOrder(DirectoryFixtures.USER, ENTERPRISE, MATCHING))
                .body("Resources.find { it.id == '" + MATCHING + "' }.attributes.name", contains("location", "languages", "hireDate", "birthYear", "grade"))
                .body("Resources.find { it.id == '" + DirectoryFixtures.USER + "' }.attributes.find { it.name == 'userName' }.uniqueness",
                        equalTo("server"));
        scim(hr).get("/scim/v2/Schemas/{id}", ENTERPRISE).then().statusCode(200)
                .body("attributes.name", hasItem("manager"));
        scim(hr).get("/scim/v2/ResourceTypes").then().statusCode(200)
                .body("Resources[0].id", equalTo("User"))
                .body("Resources[0].endpoint", equalTo("/Users"))
                .body("Resources[0].schemaExtensions.schema", containsInAnyOrder(ENTERPRISE, MATCHING));
        scim(hr).get("/scim/v2/ResourceTypes/User").then().statusCode(200).body("schema", equalTo(DirectoryFixtures.USER));
        scimError(scim(hr).get("/scim/v2/ResourceTypes/Group").then(), 404, null);
        scimError(scim(hr).get("/scim/v2/Groups").then(), 404, null);
        scimError(given().auth().oauth2(hr).contentType(ContentType.TEXT).body("hello").post("/scim/v2/Users").then(), 415, null);
        // elsewhere the platform's problem+json stays
        given().auth().oauth2(hr).get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }

    private io.restassured.response.ValidatableResponse post(ObjectNode user) {
        return scim(hr).body(write(user)).post("/scim/v2/Users").then();
    }
}
