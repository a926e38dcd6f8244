package org.mentoring.gateway.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.mentoring.gateway.config.GatewayConfig;
import org.mentoring.gateway.routing.GatewayRoute;
import org.mentoring.gateway.routing.ProxyHandler;
import org.mentoring.gateway.security.Callers;

import java.util.Optional;

/**
 * One line per request on the logger {@value #CATEGORY}, in key=value form:
 * {@code request_id trace_id method route status latency_ms upstream subject}. The route is the routing
 * table's pattern (such as {@code /api/v1/programmes/*}{@code /pool}), never the raw path, and there is no query
 * string, no header and so no token: ids in paths and filter values in queries can be personal data. The
 * subject is the token's opaque {@code sub}, which lets an operator follow one caller without naming them.
 */
@ApplicationScoped
public class AccessLog {

    public static final String CATEGORY = "org.mentoring.gateway.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    /** First of all filters, so the latency covers authentication too. */
    static final int PRIORITY = 3_000;
    private static final String STARTED = AccessLog.class.getName() + ".started";
    @Inject
    GatewayConfig config;

    void register(@Observes Filters filters) {
        if (config.accessLog()) {
            filters.register(this::start, PRIORITY);
        }
    }

    void start(RoutingContext rc) {
        // A reroute (Swagger UI's '/' to 'index.html') runs the filters again: still one line per request.
        if (rc.get(STARTED) == null) {
            long started = System.nanoTime();
            rc.put(STARTED, started);
            rc.addEndHandler(ended -> LOG.info(line(rc, started)));
        }
        rc.next();
    }

    private static String line(RoutingContext rc, long started) {
        Optional<GatewayRoute> route = ProxyHandler.routeOf(rc);
        String path = rc.request().path();
        // The gateway's own endpoints (documents, UI, health, metrics) carry no ids: their path is the route.
        String routeName = route.map(r -> r.pattern().text())
                .orElse(path != null && (path.startsWith("/q/") || path.startsWith("/openapi")) ? path : "-");
        String subject = Callers.authenticated(rc)
                .map(identity -> identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject() : null)
                .orElse(null);
        return "request_id=" + safe(RequestIds.of(rc))
                + " trace_id=" + safe(TraceContext.traceId(rc))
                + " method=" + rc.request().method().name()
                + " route=" + safe(routeName)
                + " status=" + rc.response().getStatusCode()
                + " latency_ms=" + millis(System.nanoTime() - started)
                + " upstream=" + safe(route.map(GatewayRoute::upstream).orElse(null))
                + " subject=" + safe(subject);
    }

    /** Milliseconds with one decimal, without String.format's cost or its locale's decimal comma. */
    private static String millis(long nanos) {
        long tenths = nanos / 100_000;
        return tenths / 10 + "." + tenths % 10;
    }

    private static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        String cut = value.length() > 128 ? value.substring(0, 128) : value;
        // almost every value is safe as it is: copied only when a character must be replaced
        StringBuilder replaced = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (!isSafe(c)) {
                if (replaced == null) {
                    replaced = new StringBuilder(cut.length()).append(cut, 0, i);
                }
                replaced.append('_');
            } else if (replaced != null) {
                replaced.append(c);
            }
        }
        return replaced == null ? cut : replaced.toString();
    }

    /**
     * What a logged value may contain: letters, digits and {@code . _ : @ / * -}. Anything else becomes '_', so no
     * value can forge a field or a line.
     */
    private static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '*' || c == '-';
    }
}
