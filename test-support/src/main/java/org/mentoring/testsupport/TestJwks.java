package org.mentoring.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An identity provider's key set served over HTTP, as Keycloak's certs endpoint serves it, so that a service's
 * test verifies tokens the way production does: {@code mp.jwt.verify.publickey.location} points here and keys
 * are picked by {@code kid}. The set holds the RSA test key ({@value #TEST_KID}) and an EC key
 * ({@value #EC_KID}, published for ES256, which the services must still refuse); {@link #rotate()} adds a second
 * RSA key ({@value #ROTATED_KID}) as a key rotation at the provider would.
 */
public class TestJwks implements QuarkusTestResourceLifecycleManager {

    public static final String TEST_KID = "test-key";
    public static final String ROTATED_KID = "rotated-key";
    public static final String EC_KID = "ec-key";

    /**
     * Set by {@link #rotate()}. A system property rather than a static field: a test on a profile of its own runs in
     * a class loader of its own, and would otherwise flip a different copy of this class than the server's.
     */
    private static final String ROTATED_PROPERTY = "mentoring.test.jwks.rotated";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        System.clearProperty(ROTATED_PROPERTY);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/certs", exchange -> {
            byte[] body = keySet().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of("mp.jwt.verify.publickey.location",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/certs");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The provider rotates in a second signing key: from now on the set also holds {@value #ROTATED_KID}. */
    public static void rotate() {
        System.setProperty(ROTATED_PROPERTY, "true");
    }

    /** A valid participant token for {@code subject}, signed with {@code algorithm} by the key published as {@code kid}. */
    public static String token(String subject, String kid, SignatureAlgorithm algorithm) {
        PrivateKey key = switch (kid) {
            case TEST_KID -> privateKey("test-keys/privateKey.pem", "RSA");
            case ROTATED_KID -> privateKey("test-keys/strangerPrivateKey.pem", "RSA");
            case EC_KID -> privateKey("test-keys/ecPrivateKey.pem", "EC");
            default -> throw new IllegalArgumentException("no test key " + kid);
        };
        Instant now = Instant.now();
        return Jwt.issuer(TestTokens.ISSUER).subject(subject).audience(TestTokens.AUDIENCE)
                .groups(Set.of(TestTokens.PARTICIPANT)).issuedAt(now).expiresAt(now.plusSeconds(600))
                .jws().keyId(kid).algorithm(algorithm).sign(key);
    }

    private static String keySet() {
        try {
            List<JsonWebKey> keys = new ArrayList<>();
            keys.add(jwk(publicKey("test-keys/publicKey.pem", "RSA"), TEST_KID, "RS256"));
            keys.add(jwk(publicKey("test-keys/ecPublicKey.pem", "EC"), EC_KID, "ES256"));
            if (Boolean.getBoolean(ROTATED_PROPERTY)) {
                RSAPrivateCrtKey rotated = (RSAPrivateCrtKey) privateKey("test-keys/strangerPrivateKey.pem", "RSA");
                keys.add(jwk(KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rotated.getModulus(), rotated.getPublicExponent())), ROTATED_KID, "RS256"));
            }
            return new JsonWebKeySet(keys).toJson();
        } catch (JoseException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonWebKey jwk(PublicKey key, String kid, String algorithm) throws JoseException {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
        jwk.setKeyId(kid);
        jwk.setAlgorithm(algorithm);
        jwk.setUse("sig");
        return jwk;
    }

    private static PrivateKey privateKey(String resource, String type) {
        try {
            return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(pem(resource)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable test key " + resource, e);
        }
    }

    private static PublicKey publicKey(String resource, String type) {
        try {
            return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(pem(resource)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable test key " + resource, e);
        }
    }

    private static byte[] pem(String resource) {
        try (InputStream in = TestJwks.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return Base64.getDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
