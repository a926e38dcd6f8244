package org.mentoring.gateway.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authenticates a request whose bearer token {@link VerifiedTokenCache} verified before, on the event loop. SmallRye
 * JWT's own identity provider runs on a worker thread (its key set may need a blocking fetch), so every request paid
 * a hop to a worker and back even when nothing was left to verify. This provider goes first: a remembered token
 * becomes the same identity as SmallRye's (the token as principal, its groups as roles) at once; any other token is
 * left to SmallRye's provider, which verifies it in full and so teaches the cache.
 */
@ApplicationScoped
public class CachedTokenIdentities implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokenCache cache;

    public CachedTokenIdentities(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Asked before SmallRye's provider, which keeps the interface's default priority (1001, above
     * {@link IdentityProvider#SYSTEM_FIRST}); providers are asked from the highest priority down, and the next only
     * when one answers nothing.
     */
    static final int PRIORITY = 2_000;

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        JsonWebToken token = request.getToken() == null ? null : cache.remembered(request.getToken().getToken());
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredential(request.getToken())
                .addRoles(token.getGroups())
                .addAttribute("quarkus.user", token);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(RoutingContext.class.getName(), routing);
        }
        return Uni.createFrom().item(identity.build());
    }
}
