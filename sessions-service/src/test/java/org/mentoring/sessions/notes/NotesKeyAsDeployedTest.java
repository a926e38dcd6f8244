package org.mentoring.sessions.notes;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.mentoring.sessions.SessionsFixtures.active;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.schedule;

/**
 * The notes key as Docker Compose and Kubernetes give it: the prod profile, NOTES_KEY_ID and NOTES_KEY from the environment
 * (compose's .env names its key "compose", the Kubernetes Secret any id). Private notes are written and read back.
 */
@QuarkusTest
@TestProfile(NotesKeyAsDeployedTest.Deployed.class)
@WithTestResource(PostgresKafkaResource.class)
class NotesKeyAsDeployedTest {

    public static class Deployed implements QuarkusTestProfile {

        private static final String KEY = randomKey();

        private static String randomKey() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }

        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // the test tokens' signing key instead of Keycloak's (the only prod setting that a test cannot have)
            return Map.of("NOTES_KEY_ID", "compose", "NOTES_KEY", KEY,
                    "mp.jwt.verify.publickey.location", "test-keys/publicKey.pem",
                    "mp.jwt.verify.issuer", "https://issuer.test.mentoring");
        }
    }

    @Test
    void privateNotesAreWrittenAndReadWithTheKeyFromTheEnvironment() {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String meeting = schedule(pair.menteeToken(), online(pair, inDays(2), 60)).path("id");

        var written = given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                .body(Map.of("visibility", "PRIVATE", "content", "only for me"))
                .post("/api/v1/meetings/{id}/notes", meeting).then().statusCode(201).body("content", equalTo("only for me")).extract();
        given().auth().oauth2(pair.menteeToken()).get(written.header("Location")).then().statusCode(200)
                .body("content", equalTo("only for me"));
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}/notes", meeting).then().statusCode(200)
                .body("items.content", hasItem("only for me"));
        given().auth().oauth2(SessionsFixtures.ADMIN).get("/api/v1/meetings/notes/re-encryption").then().statusCode(200)
                .body("activeKeyId", equalTo("compose")).body("remaining", equalTo(0));
    }
}
