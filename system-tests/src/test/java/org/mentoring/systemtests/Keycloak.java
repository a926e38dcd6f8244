package org.mentoring.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Real tokens from the stack's Keycloak, and the forged ones an attacker would try. */
public final class Keycloak {

    public static final String URL = System.getProperty("keycloak.url", "http://localhost:8180");
    static final String REALM = URL + "/realms/mentoring";
    static final String DEMO_PASSWORD = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Keycloak() {
    }

    /** A person's access token through the public frontend client (password grant, demo only). */
    static String tokenFor(String username) {
        return passwordGrant("mentoring-web", username);
    }

    static String passwordGrant(String clientId, String username) {
        return given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", DEMO_PASSWORD))
                .post(REALM + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** The HR integration's token (client credentials of the confidential client). */
    static String hrIntegrationToken() {
        return given().auth().preemptive().basic("mentoring-hr", "hr-integration-secret")
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post(REALM + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same header and claims as {@code genuine}, signed with a key of our own. */
    static String forgedFrom(String genuine) {
        try {
            String[] parts = genuine.split("\\.");
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            return sign(parts[0] + "." + parts[1], key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genuine token whose payload was edited (more roles), keeping Keycloak's signature. */
    static String tamperedFrom(String genuine) {
        try {
            String[] parts = genuine.split("\\.");
            ObjectNode claims = (ObjectNode) claims(genuine);
            claims.putArray("groups").add("program-admin").add("participant");
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims));
            return parts[0] + "." + payload + "." + parts[2];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A participant of our own, new in the stack's Keycloak (admin API): {@code <prefix>-<random>} with the demo password
     * and the participant role. For journeys whose state follows a person across programmes (a person's calendar), so that
     * a second run against the same stack data meets a clean slate. Returns the username.
     */
    public static String createParticipant(String prefix, String firstName, String lastName) {
        String admin = masterAdminToken();
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> user = Map.of(
                "username", username,
                "enabled", true,
                "emailVerified", true,
                "firstName", firstName,
                "lastName", lastName,
                "email", username + "@example.org",
                "credentials", List.of(Map.of("type", "password", "value", DEMO_PASSWORD, "temporary", false)));
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON).body(user)
                .post(URL + "/admin/realms/mentoring/users").then().statusCode(201).extract().header("Location");
        Object participant = given().auth().oauth2(admin).get(URL + "/admin/realms/mentoring/roles/participant").then()
                .statusCode(200).extract().as(Map.class);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(List.of(participant))
                .post(location + "/role-mappings/realm").then().statusCode(204);
        return username;
    }

    private static String masterAdminToken() {
        return given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", System.getProperty("keycloak.admin", "admin"),
                        "password", System.getProperty("keycloak.admin-password", "admin")))
                .post(URL + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * A token that Keycloak really issued and that has expired: made through a client of its own
     * with a two-second token lifespan, created with the admin API of the local stack's Keycloak.
     */
    static String expiredTokenFor(String username) throws InterruptedException {
        String admin = masterAdminToken();
        String clientId = "expiry-check-" + UUID.randomUUID();
        Map<String, Object> client = Map.of(
                "clientId", clientId,
                "publicClient", true,
                "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false,
                "attributes", Map.of("access.token.lifespan", "2"),
                "protocolMappers", List.of(
                        Map.of("name", "groups", "protocol", "openid-connect", "protocolMapper", "oidc-usermodel-realm-role-mapper",
                                "config", Map.of("claim.name", "groups", "multivalued", "true", "access.token.claim", "true",
                                        "jsonType.label", "String")),
                        Map.of("name", "audience", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                                "config", Map.of("included.custom.audience", "mentoring-api", "access.token.claim", "true"))));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(client)
                .post(URL + "/admin/realms/mentoring/clients").then().statusCode(201);
        String token = passwordGrant(clientId, username);
        long exp = claims(token).get("exp").asLong();
        long skewSeconds = 2; // JWT_CLOCK_SKEW of the system-test stack
        long waitMillis = (exp + skewSeconds + 1) * 1000 - System.currentTimeMillis();
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
        return token;
    }

    private static String sign(String signingInput, PrivateKey key) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }
}
