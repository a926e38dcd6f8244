package org.mentoring.gateway.routing;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mentoring.gateway.problem.ProblemResponses;
import org.mentoring.gateway.ratelimit.RateLimitDecision;
import org.mentoring.gateway.ratelimit.RateLimiter;

import java.util.Optional;

/**
 * What every request under {@code /api/} and {@code /scim/} goes through first, whichever handler serves it:
 * it takes a token from the caller's rate-limit bucket (and says so in the {@code RateLimit} headers), and it
 * refuses a token sent in the query string.
 */
public final class Admission {

    private static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
    private static final String RATE_LIMIT = "RateLimit";
    private static final String RETRY_AFTER = "Retry-After";
    private static final String ACCESS_TOKEN_PARAMETER = "access_token";

    private final RateLimiter rateLimiter;

    public Admission(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    /**
     * @return true when the request may go on; false when it was answered (429, or 401 for a token in the query)
     */
    public boolean admit(RoutingContext rc, String limitClass, Optional<SecurityIdentity> caller) {
        HttpServerRequest request = rc.request();
        // Counted before anything else is decided, so that a flood of refused (401, 404) requests is limited too.
        RateLimitDecision decision = rateLimiter.take(limitClass, callerKey(caller, request));
        rc.response().headers()
                .set(RATE_LIMIT_POLICY, rateLimiter.policyField(limitClass))
                .set(RATE_LIMIT, RateLimiter.stateField(limitClass, decision));
        if (!decision.allowed()) {
            rc.response().putHeader(RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            ProblemResponses.sendRefusingBody(request, ProblemResponses.tooManyRequests(request.path()));
            return false;
        }
        if (request.query() != null && request.params().contains(ACCESS_TOKEN_PARAMETER)) {
            // RFC 6750 allows it, but query strings end up in logs and browser histories: refused outright.
            ProblemResponses.sendRefusingBody(request, ProblemResponses.tokenInQuery(request.path()));
            return false;
        }
        return true;
    }

    /**
     * Whose bucket a request takes from: the token's subject, or its client ({@code azp}) when it has no
     * subject, or else the remote address (which honours {@code quarkus.http.proxy.*} behind a load balancer).
     */
    static String callerKey(Optional<SecurityIdentity> caller, HttpServerRequest request) {
        if (caller.isPresent() && caller.get().getPrincipal() instanceof JsonWebToken token) {
            if (token.getSubject() != null) {
                return "sub:" + token.getSubject();
            }
            Object client = token.getClaim("azp");
            if (client != null) {
                return "azp:" + client;
            }
        }
        SocketAddress remote = request.remoteAddress();
        return "ip:" + (remote == null ? "unknown" : remote.hostAddress());
    }
}
