package org.mentoring.gateway.security;

import io.smallrye.jwt.build.Jwt;
import org.mentoring.testsupport.TestTokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Tokens an attacker would try, beyond the bad ones {@link TestTokens} makes. */
final class ForgedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private ForgedTokens() {
    }

    private static String claims(String groups) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE + "\",\"sub\":\"u1\","
                + "\"groups\":[\"" + groups + "\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code alg: none}, with a signature part copied from a real token for good measure. */
    static String algNoneWithSignature() {
        String real = TestTokens.admin("u1");
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims("program-admin")) + "."
                + real.substring(real.lastIndexOf('.') + 1);
    }

    /**
     * The classic algorithm confusion: HS256 with the verifier's public key as the HMAC secret, which a verifier
     * that lets the token choose its algorithm would accept.
     */
    static String hs256WithPublicKey(boolean pem) {
        try {
            byte[] publicKey = resource("test-keys/publicKey.pem");
            byte[] secret = pem ? publicKey : Base64.getDecoder().decode(new String(publicKey, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"test-key\"}") + "."
                    + encode(claims("program-admin"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by the trusted key, but naming a key id the identity provider never published. */
    static String unknownKid() {
        return Jwt.issuer(TestTokens.ISSUER).subject("u1").audience(TestTokens.AUDIENCE)
                .groups(Set.of(TestTokens.ADMIN)).expiresIn(600)
                .jws().keyId("not-a-published-key").sign(trustedKey());
    }

    /** A real participant token whose payload was edited to claim the admin role; the signature no longer fits. */
    static String tamperedPayload() {
        String real = TestTokens.participant("u1");
        String[] parts = real.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"participant\"", "\"program-admin\"");
        return parts[0] + "." + encode(payload) + "." + parts[2];
    }

    /** Properly signed, but for no audience at all. */
    static String withoutAudience() {
        return Jwt.issuer(TestTokens.ISSUER).subject("u1").groups(Set.of(TestTokens.ADMIN)).expiresIn(600)
                .sign(trustedKey());
    }

    static PrivateKey trustedKey() {
        try {
            String pem = new String(resource("test-keys/privateKey.pem"), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ForgedTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the test class path");
            }
            return in.readAllBytes();
        }
    }
}
