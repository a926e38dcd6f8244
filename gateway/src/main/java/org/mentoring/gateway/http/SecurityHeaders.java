package org.mentoring.gateway.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.mentoring.gateway.config.GatewayConfig;

import java.net.URI;

/**
 * The usual security headers on every answer, the gateway's own refusals and the services' answers alike:
 * no MIME sniffing, no referrer, no framing, HSTS when the caller came over TLS, and {@code no-store} unless the
 * service chose its own caching. API answers are JSON, so their CSP allows nothing; the Swagger UI page gets one
 * that allows its own scripts and styles (inline ones too: the generated page initialises itself inline and
 * shows no user content) and calls to Keycloak's token endpoint.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Early among the filters: even an answer refused at authentication or by CORS gets the headers. */
    static final int PRIORITY = 2_000;

    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";
    private static final String HSTS = "max-age=31536000; includeSubDomains";
    private static final String SWAGGER_UI = "/q/swagger-ui";

    @Inject
    GatewayConfig config;

    private String uiCsp;

    void register(@Observes Filters filters) {
        URI keycloak = config.openapi().authServerUrl();
        String keycloakOrigin = keycloak.getScheme() + "://" + keycloak.getAuthority();
        uiCsp = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; connect-src 'self' " + keycloakOrigin + "; "
                + "frame-ancestors 'none'; form-action 'self' " + keycloakOrigin + "; base-uri 'self'";
        filters.register(this::apply, PRIORITY);
    }

    void apply(RoutingContext rc) {
        // Behind a TLS-terminating load balancer the gateway itself speaks plain HTTP.
        boolean tls = rc.request().isSSL() || "https".equalsIgnoreCase(rc.request().getHeader("X-Forwarded-Proto"));
        boolean ui = rc.request().path().startsWith(SWAGGER_UI);
        rc.addHeadersEndHandler(v -> {
            MultiMap headers = rc.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Content-Security-Policy", ui ? uiCsp : API_CSP);
            if (tls) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            if (!ui && !headers.contains("Cache-Control")) {
                // Answers carry personal data: no shared or browser cache keeps them unless a service says so.
                headers.set("Cache-Control", "no-store");
            }
        });
        rc.next();
    }
}
