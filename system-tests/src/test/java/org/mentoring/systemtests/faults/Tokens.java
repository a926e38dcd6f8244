package org.mentoring.systemtests.faults;

import io.restassured.http.ContentType;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/**
 * Access tokens of the stack's Keycloak (password grant of the public client), fetched again before they expire
 * (the realm's tokens live five minutes; a soak runs longer).
 */
final class Tokens {

    private static final long REFRESH_AFTER_MILLIS = 150_000;

    private record Held(String token, long fetchedAt) {
    }

    private final String realmUrl;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    Tokens(String keycloakUrl) {
        this.realmUrl = keycloakUrl + "/realms/mentoring";
    }

    String of(String username) {
        Held current = held.get(username);
        long now = System.currentTimeMillis();
        if (current == null || now - current.fetchedAt() > REFRESH_AFTER_MILLIS) {
            current = new Held(fetch(username), now);
            held.put(username, current);
        }
        return current.token();
    }

    private String fetch(String username) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return given().contentType(ContentType.URLENC)
                        .formParams(Map.of("grant_type", "password", "client_id", "mentoring-web", "username", username,
                                "password", "demo"))
                        .post(realmUrl + "/protocol/openid-connect/token")
                        .then().statusCode(200).extract().path("access_token");
            } catch (RuntimeException | AssertionError e) {
                last = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                Faults.pause(500L * (attempt + 1));
            }
        }
        throw last;
    }

    /** The token's subject (the person's id in every service). */
    static String subject(String token) {
        try {
            String payload = token.split("\\.")[1];
            return Api.JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload)).get("sub").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
