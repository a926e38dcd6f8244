package org.mentoring.notifications.webhook.service;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Secrets and signatures as the Standard Webhooks specification has them: a secret is {@code whsec_} and the base64 of
 * random bytes (32 here), the HMAC-SHA256 key is those bytes, the signed content is {@code <webhook-id>.<webhook-timestamp>.<body>}
 * and {@code webhook-signature} holds one {@code v1,<base64 signature>} per secret, separated by spaces.
 */
public final class Signatures {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** One {@code v1,<base64>} signature. */
    public static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The {@code webhook-signature} header: a signature with each secret. */
    public static String header(List<String> secrets, String id, long timestamp, String body) {
        return secrets.stream().map(s -> sign(s, id, timestamp, body)).collect(Collectors.joining(" "));
    }
}
