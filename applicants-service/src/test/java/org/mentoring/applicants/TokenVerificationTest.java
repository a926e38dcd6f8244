package org.mentoring.applicants;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestJwks;
import org.mentoring.testsupport.TestTokens;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Tokens checked against the identity provider's key set over HTTP, as in production (every service shares
 * this configuration through the platform module): only RS256 is accepted, whatever the token or the key set
 * offers, and a signing key rotated in at the provider is picked up without a restart. An application of its
 * own, because its key set is served by {@link TestJwks} rather than read from a file.
 */
@QuarkusTest
@TestProfile(TokenVerificationTest.KeySetOverHttp.class)
@WithTestResource(PostgresKafkaResource.class)
@WithTestResource(TestJwks.class)
class TokenVerificationTest {

    public static class KeySetOverHttp implements QuarkusTestProfile {
    }

    private static final String SECURED = "/api/v1/programmes";

    @Test
    void onlyRs256IsAccepted() {
        given().auth().oauth2(TestJwks.token("alg-rs256", TestJwks.TEST_KID, SignatureAlgorithm.RS256))
                .when().get(SECURED).then().statusCode(200);

        // ES256 with a key the provider publishes for it: a valid signature, of an algorithm we do not take.
        given().auth().oauth2(TestJwks.token("alg-es256", TestJwks.EC_KID, SignatureAlgorithm.ES256))
                .when().get(SECURED).then().statusCode(401).contentType("application/problem+json");
        // RS512 by the trusted RSA key.
        given().auth().oauth2(TestJwks.token("alg-rs512", TestJwks.TEST_KID, SignatureAlgorithm.RS512))
                .when().get(SECURED).then().statusCode(401).contentType("application/problem+json");
        // HS256 keyed with the public key: what a verifier letting the token choose its algorithm would accept.
        given().auth().oauth2(hs256WithThePublicKey())
                .when().get(SECURED).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(algNone())
                .when().get(SECURED).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aKeyRotatedInIsPickedUpWithoutARestart() {
        String rotated = TestJwks.token("rotated-1", TestJwks.ROTATED_KID, SignatureAlgorithm.RS256);
        given().auth().oauth2(rotated).when().get(SECURED).then().statusCode(401);

        TestJwks.rotate();

        // An unknown kid makes the service fetch the key set again (at most that often: a minute in production).
        await().atMost(10, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).until(() ->
                given().auth().oauth2(rotated).when().get(SECURED).statusCode() == 200);
        given().auth().oauth2(TestJwks.token("rotated-2", TestJwks.TEST_KID, SignatureAlgorithm.RS256))
                .when().get(SECURED).then().statusCode(200);
    }

    private static String hs256WithThePublicKey() {
        try (InputStream in = TokenVerificationTest.class.getClassLoader().getResourceAsStream("test-keys/publicKey.pem")) {
            byte[] publicKey = in.readAllBytes();
            return Jwt.issuer(TestTokens.ISSUER).subject("alg-hs256").audience(TestTokens.AUDIENCE)
                    .groups(Set.of(TestTokens.PARTICIPANT)).expiresIn(600)
                    .jws().keyId(TestJwks.TEST_KID).algorithm(SignatureAlgorithm.HS256)
                    .sign(new SecretKeySpec(publicKey, "HmacSHA256"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String algNone() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE
                + "\",\"sub\":\"alg-none\",\"groups\":[\"participant\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
