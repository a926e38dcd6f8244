package org.mentoring.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the services rely on in deploy/keycloak/mentoring-realm.json (checked for real by starting Keycloak). */
class RealmFileTest {

    private final JsonNode realm;

    RealmFileTest() throws Exception {
        realm = new ObjectMapper().readTree(Settings.from(Map.of()).realmFile().toFile());
    }

    private JsonNode client(String clientId) {
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private JsonNode user(String username) {
        for (JsonNode user : realm.get("users")) {
            if (user.get("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void realmAndRoles() {
        assertEquals("mentoring", realm.get("realm").asText());
        assertTrue(realm.get("enabled").asBoolean());
        assertEquals("none", realm.get("sslRequired").asText());
        List<String> roles = new ArrayList<>();
        realm.get("roles").get("realm").forEach(role -> roles.add(role.get("name").asText()));
        assertTrue(roles.containsAll(List.of("program-admin", "participant", "hr-integration")), roles.toString());
    }

    @Test
    void bothClientsPutRealmRolesIntoGroupsAndTheApiIntoTheAudience() {
        for (String clientId : List.of("mentoring-web", "mentoring-hr")) {
            JsonNode client = client(clientId);
            JsonNode groups = null;
            JsonNode audience = null;
            for (JsonNode mapper : client.get("protocolMappers")) {
                String type = mapper.get("protocolMapper").asText();
                if (type.equals("oidc-usermodel-realm-role-mapper")) {
                    groups = mapper.get("config");
                } else if (type.equals("oidc-audience-mapper")) {
                    audience = mapper.get("config");
                }
            }
            assertNotNull(groups, clientId);
            assertEquals("groups", groups.get("claim.name").asText());
            assertEquals("true", groups.get("multivalued").asText());
            assertEquals("true", groups.get("access.token.claim").asText());
            assertNotNull(audience, clientId);
            assertEquals("mentoring-api", audience.get("included.custom.audience").asText());
            assertEquals("true", audience.get("access.token.claim").asText());
            assertFalse(texts(client.get("optionalClientScopes")).contains("microprofile-jwt"), clientId);
            assertFalse(texts(client.get("defaultClientScopes")).contains("microprofile-jwt"), clientId);
        }
    }

    @Test
    void webIsPublicWithPasswordGrantAndHrIsAConfidentialServiceAccount() {
        JsonNode web = client("mentoring-web");
        assertTrue(web.get("publicClient").asBoolean());
        assertTrue(web.get("directAccessGrantsEnabled").asBoolean());
        assertTrue(web.get("standardFlowEnabled").asBoolean());
        JsonNode hr = client("mentoring-hr");
        assertFalse(hr.get("publicClient").asBoolean());
        assertTrue(hr.get("serviceAccountsEnabled").asBoolean());
        assertFalse(hr.get("standardFlowEnabled").asBoolean());
        JsonNode account = user("service-account-mentoring-hr");
        assertEquals("mentoring-hr", account.get("serviceAccountClientId").asText());
        assertTrue(texts(account.get("realmRoles")).contains("hr-integration"));
    }

    @Test
    void demoUsersHaveRolesPasswordsAndInstitutes() {
        assertTrue(texts(user("ada.admin").get("realmRoles")).contains("program-admin"));
        for (String name : List.of("mia.mentor", "max.mentor", "mila.mentor", "eva.executive", "ed.director",
                "elena.head")) {
            JsonNode user = user(name);
            assertTrue(texts(user.get("realmRoles")).contains("participant"), name);
            assertFalse(user.get("attributes").get("institute").get(0).asText().isBlank(), name);
            JsonNode credential = user.get("credentials").get(0);
            assertEquals("demo", credential.get("value").asText(), name);
            assertFalse(credential.get("temporary").asBoolean(), name);
            assertTrue(user.get("emailVerified").asBoolean(), name);
        }
        assertEquals(Set.of("Institute for Data Science", "Institute of Physics", "Institute of Economics"),
                Set.of(user("mia.mentor").get("attributes").get("institute").get(0).asText(),
                        user("max.mentor").get("attributes").get("institute").get(0).asText(),
                        user("mila.mentor").get("attributes").get("institute").get(0).asText()));
    }
}
