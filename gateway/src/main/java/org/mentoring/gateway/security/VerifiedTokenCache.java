package org.mentoring.gateway.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mentoring.gateway.config.GatewayConfig;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * SmallRye JWT's parser with a memory of the tokens it verified. A client sends the same access token with every
 * call for its whole lifetime, and verifying it (JSON parsing and an RSA signature check) was a third of the
 * gateway's CPU per request. A token is remembered by its exact text, signature included, so only the very bytes
 * that passed verification are let through again, and only until the earliest of: its {@code exp}, and
 * {@code gateway.token-cache.max-age} after it was verified (which bounds how long a key withdrawn from the key set
 * keeps working). Refused tokens are never remembered: each attempt is verified in full. At most
 * {@code gateway.token-cache.max-entries} are kept; when full the memory is emptied, which costs one verification
 * per caller.
 * <p>
 * An alternative to the parser bean, so Quarkus' token validator uses it without further wiring.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    /** The verification this cache saves: SmallRye's, in production. */
    interface Verifier {
        JsonWebToken parse(String token) throws ParseException;
    }

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final DefaultJWTParser delegate;
    private final Verifier verifier;
    private final long maxAgeMillis;
    private final int maxEntries;
    private final LongSupplier clock;

    @Inject
    VerifiedTokenCache(DefaultJWTParser delegate, GatewayConfig config) {
        this(delegate, delegate::parse, config.tokenCache().maxAge().toMillis(), config.tokenCache().maxEntries(),
                System::currentTimeMillis);
    }

    VerifiedTokenCache(DefaultJWTParser delegate, Verifier verifier, long maxAgeMillis, int maxEntries,
                       LongSupplier clock) {
        this.delegate = delegate;
        this.verifier = verifier;
        this.maxAgeMillis = maxAgeMillis;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /**
     * The token as verified before, when these very bytes passed verification and are still within their time;
     * null otherwise (then only {@link #parse} can tell). Never blocks: {@link CachedTokenIdentities} asks it on the
     * event loop.
     */
    public JsonWebToken remembered(String token) {
        Verified known = verified.get(token);
        return known != null && clock.getAsLong() < known.validUntilMillis() ? known.token() : null;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.getAsLong();
        Verified known = verified.get(token);
        if (known != null && now < known.validUntilMillis()) {
            return known.token();
        }
        JsonWebToken fresh = verifier.parse(token);
        if (maxEntries > 0) {
            long validUntil = Math.min(now + maxAgeMillis, fresh.getExpirationTime() * 1000);
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
            verified.put(token, new Verified(fresh, validUntil));
        }
        return fresh;
    }

    // Everything else is SmallRye's, uncached.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
