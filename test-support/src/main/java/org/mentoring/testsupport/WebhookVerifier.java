package org.mentoring.testsupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * What a receiver writes to check a delivery, exactly as notifications-service's README shows it: the HMAC-SHA256 of
 * {@code webhook-id.webhook-timestamp.body} under the base64-decoded part of the secret after {@code whsec_}, compared in
 * constant time with each {@code v1,} signature of {@code webhook-signature}; deliveries older than five minutes are refused.
 */
public final class WebhookVerifier {

    private static final long TOLERANCE_SECONDS = 5 * 60;
    private final byte[] key;

    public WebhookVerifier(String secret) {
        this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
    }

    public boolean verify(String id, String timestamp, String signatures, String body) throws Exception {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long sentAt = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - sentAt) > TOLERANCE_SECONDS) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                return true;
            }
        }
        return false;
    }
}
