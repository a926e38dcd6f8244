package org.mentoring.gateway.security;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.testsupport.TestTokens;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * A signing key rotated in at the identity provider is accepted without a restart: the token's unknown
 * {@code kid} forces the cached key set to be fetched again. Runs on an application of its own (a separate
 * profile), because a key set with two keys no longer verifies the key-id-less tokens the other tests use.
 */
@QuarkusTest
@TestProfile(JwksRotationTest.OwnApplication.class)
@WithTestResource(StubUpstreams.class)
class JwksRotationTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void newKidIsPickedUpWithoutARestart() {
        String signedWithNewKey = Jwt.issuer(TestTokens.ISSUER).subject("rotated-1").audience(TestTokens.AUDIENCE)
                .groups(Set.of(TestTokens.PARTICIPANT)).expiresIn(600)
                .jws().keyId(StubUpstreams.ROTATED_KID).sign(StubUpstreams.rotatedSigningKey());
        String signedWithOldKey = Jwt.issuer(TestTokens.ISSUER).subject("rotated-2").audience(TestTokens.AUDIENCE)
                .groups(Set.of(TestTokens.PARTICIPANT)).expiresIn(600)
                .jws().keyId(StubUpstreams.TEST_KID).sign(ForgedTokens.trustedKey());

        given().auth().oauth2(signedWithNewKey).when().get("/api/v1/programmes")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(signedWithOldKey).when().get("/api/v1/programmes").then().statusCode(200);

        StubUpstreams.rotateKeys();

        // jose4j skips a refresh asked for within ~300 ms of the previous one (the 401 above forced one), so
        // the new key is picked up at the first unknown-kid request after that, not necessarily this instant.
        await().atMost(5, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).until(() ->
                given().auth().oauth2(signedWithNewKey).when().get("/api/v1/programmes").statusCode() == 200);
        given().auth().oauth2(signedWithNewKey).when().get("/api/v1/programmes")
                .then().statusCode(200).header("X-Upstream", "applicants");
        given().auth().oauth2(signedWithOldKey).when().get("/api/v1/programmes").then().statusCode(200);
    }
}
