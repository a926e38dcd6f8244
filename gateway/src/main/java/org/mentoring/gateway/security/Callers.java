package org.mentoring.gateway.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/** Reads the caller Quarkus security established for a request. */
public final class Callers {

    private Callers() {
    }

    /**
     * The verified identity of the caller, or empty for an anonymous one. Authentication is proactive
     * ({@code quarkus.http.auth.proactive=true}), so it has finished before any route handler runs and reading
     * it here never blocks.
     */
    public static Optional<SecurityIdentity> authenticated(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user && user.getSecurityIdentity() != null
                && !user.getSecurityIdentity().isAnonymous()) {
            return Optional.of(user.getSecurityIdentity());
        }
        return Optional.empty();
    }
}
