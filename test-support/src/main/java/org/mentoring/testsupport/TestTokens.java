package org.mentoring.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Signs the JWTs of service tests with the test key pair in {@code test-keys/}. A module's {@code %test}
 * profile verifies them with {@code mp.jwt.verify.publickey.location=test-keys/publicKey.pem},
 * {@code mp.jwt.verify.issuer=}{@value #ISSUER} and {@code mp.jwt.verify.audiences=}{@value #AUDIENCE}.
 * Besides good tokens it makes the bad ones every secured endpoint must refuse.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.mentoring";
    public static final String AUDIENCE = "mentoring-api";

    public static final String ADMIN = "program-admin";
    public static final String PARTICIPANT = "participant";
    public static final String HR_INTEGRATION = "hr-integration";

    private static final PrivateKey KEY = readPrivateKey("test-keys/privateKey.pem");
    private static final PrivateKey STRANGER_KEY = readPrivateKey("test-keys/strangerPrivateKey.pem");

    private TestTokens() {
    }

    /** A valid token for {@code subject} holding {@code roles}, valid for one hour. */
    public static String token(String subject, String... roles) {
        return claims(subject, roles).sign(KEY);
    }

    public static String admin(String subject) {
        return token(subject, ADMIN);
    }

    public static String participant(String subject) {
        return token(subject, PARTICIPANT);
    }

    /** Signed with a key the services do not trust. */
    public static String signedByStranger(String subject, String... roles) {
        return claims(subject, roles).sign(STRANGER_KEY);
    }

    /** Expired ten minutes ago, beyond any clock skew we allow. */
    public static String expired(String subject, String... roles) {
        Instant issued = Instant.now().minusSeconds(3600);
        return claims(subject, roles).issuedAt(issued).expiresAt(Instant.now().minusSeconds(600)).sign(KEY);
    }

    public static String wrongIssuer(String subject, String... roles) {
        return claims(subject, roles).issuer("https://someone-else.example").sign(KEY);
    }

    public static String wrongAudience(String subject, String... roles) {
        return claims(subject, roles).audience("another-api").sign(KEY);
    }

    private static JwtClaimsBuilder claims(String subject, String... roles) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .audience(AUDIENCE)
                .claim("preferred_username", subject)
                .groups(Set.of(roles))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3600));
    }

    private static PrivateKey readPrivateKey(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test key " + resource);
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable test key " + resource, e);
        }
    }
}
