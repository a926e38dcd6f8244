package org.mentoring.gateway.security;

import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the memory of verified tokens lets through without verifying again, on a hand-driven clock. */
class VerifiedTokenCacheTest {

    private final AtomicLong nowMillis = new AtomicLong(1_000_000_000L);
    private final AtomicInteger verifications = new AtomicInteger();
    /** Tokens named "good-<exp seconds>" verify; anything else is refused. */
    private final VerifiedTokenCache cache = new VerifiedTokenCache(null, token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new ParseException("refused");
        }
        return token(Long.parseLong(token.substring(5)));
    }, 60_000, 3, nowMillis::get);

    private long inSeconds(long seconds) {
        return nowMillis.get() / 1000 + seconds;
    }

    @Test
    void aTokenIsVerifiedOnceWhileItIsRemembered() throws Exception {
        String token = "good-" + inSeconds(3600);
        cache.parse(token);
        nowMillis.addAndGet(59_000);
        cache.parse(token);

        assertThat(verifications).hasValue(1);
    }

    @Test
    void onlyVerifiedTokensWithinTheirTimeAreRememberedWithoutVerifying() throws Exception {
        String token = "good-" + inSeconds(3600);
        assertThat(cache.remembered(token)).as("never verified").isNull();
        assertThatThrownBy(() -> cache.parse("forged")).isInstanceOf(ParseException.class);
        assertThat(cache.remembered("forged")).as("refused").isNull();

        JsonWebToken verified = cache.parse(token);
        assertThat(cache.remembered(token)).isSameAs(verified);
        assertThat(cache.remembered(token + "x")).as("other bytes").isNull();
        nowMillis.addAndGet(61_000);
        assertThat(cache.remembered(token)).as("past the max age").isNull();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void verifiedAgainAfterTheMaxAge() throws Exception {
        String token = "good-" + inSeconds(3600);
        cache.parse(token);
        nowMillis.addAndGet(60_000);
        cache.parse(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void neverRememberedPastItsExpiry() throws Exception {
        String token = "good-" + inSeconds(10);
        cache.parse(token);
        nowMillis.addAndGet(10_000);
        cache.parse(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void refusedTokensAreVerifiedEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.parse("forged")).isInstanceOf(ParseException.class);
        }
        assertThat(verifications).hasValue(3);
    }

    @Test
    void boundedInSize() throws Exception {
        for (int i = 0; i < 4; i++) {
            cache.parse("good-" + (inSeconds(3600) + i));
        }
        // The fourth emptied the memory: the first is verified again, the fourth is remembered.
        cache.parse("good-" + inSeconds(3600));
        cache.parse("good-" + (inSeconds(3600) + 3));
        assertThat(verifications).hasValue(5);
    }

    private static JsonWebToken token(long exp) {
        Map<String, Object> claims = Map.of("exp", exp, "sub", "u1");
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "u1";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
