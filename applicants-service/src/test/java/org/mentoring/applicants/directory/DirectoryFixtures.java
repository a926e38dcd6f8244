package org.mentoring.applicants.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.mentoring.testsupport.TestTokens;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Requests and bodies shared by the directory tests. */
final class DirectoryFixtures {

    static final String SCIM = "application/scim+json";
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String MATCHING = "urn:mentoring:scim:schemas:extension:matching:1.0:User";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        RestAssured.registerParser(SCIM, Parser.JSON);
    }

    private DirectoryFixtures() {
    }

    static String hr() {
        return TestTokens.token("hris-" + UUID.randomUUID(), TestTokens.HR_INTEGRATION);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification scim(String token) {
        return given().auth().oauth2(token).contentType(SCIM).accept(SCIM);
    }

    /** A complete, valid SCIM User. */
    static ObjectNode user(String userName) {
        ObjectNode user = JSON.createObjectNode();
        user.putArray("schemas").add(USER).add(ENTERPRISE).add(MATCHING);
        user.put("userName", userName);
        user.put("externalId", "ext-" + userName);
        user.putObject("name").put("givenName", "Ada").put("familyName", "Lovelace").put("formatted", "Ada Lovelace");
        user.put("displayName", "Ada Lovelace");
        user.put("title", "Doctoral researcher");
        user.putArray("emails").addObject().put("value", userName + "@example.org").put("type", "work").put("primary", true);
        user.put("active", true);
        user.putObject(ENTERPRISE).put("employeeNumber", "E-" + userName).put("organization", "Institute of Computing")
                .put("department", "Data Lab");
        ObjectNode matching = user.putObject(MATCHING);
        matching.putObject("location").put("city", "Berlin").put("region", "Berlin").put("country", "de")
                .put("latitude", 52.52).put("longitude", 13.405);
        matching.putArray("languages").add("EN").add("de");
        return user;
    }

    static ObjectNode withManager(ObjectNode user, String managerId) {
        ((ObjectNode) user.get(ENTERPRISE)).putObject("manager").put("value", managerId);
        return user;
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a user and returns its id. */
    static String create(String token, ObjectNode user) {
        return scim(token).body(write(user)).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    static ObjectNode patchOp(ObjectNode... operations) {
        ObjectNode patch = JSON.createObjectNode();
        patch.putArray("schemas").add(PATCH_OP);
        patch.putArray("Operations").addAll(List.of(operations));
        return patch;
    }

    static ObjectNode op(String op, String path, Object value) {
        ObjectNode operation = JSON.createObjectNode().put("op", op);
        if (path != null) {
            operation.put("path", path);
        }
        if (value != null) {
            operation.set("value", JSON.valueToTree(value));
        }
        return operation;
    }

    /** The response is a SCIM error with {@code status} and, when given, {@code scimType}. */
    static ValidatableResponse scimError(ValidatableResponse response, int status, String scimType) {
        ValidatableResponse checked = response.statusCode(status).contentType(SCIM)
                .body("schemas", org.hamcrest.Matchers.contains(ERROR))
                .body("status", org.hamcrest.Matchers.equalTo(String.valueOf(status)));
        return scimType == null ? checked : checked.body("scimType", org.hamcrest.Matchers.equalTo(scimType));
    }
}
