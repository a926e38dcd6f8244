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
import java.util.regex.Pattern;

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
    /** What a logged value may contain; anything else is replaced, so no value can forge a field or a line. */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:@/*-]");

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
        // almost every value is safe as it is: check it without a regex, one per field and request otherwise
        for (int i = 0; i < cut.length(); i++) {
            if (!isSafe(cut.charAt(i))) {
                return UNSAFE.matcher(cut).replaceAll("_");
            }
        }
        return cut;
    }

    /** The characters {@link #UNSAFE} lets through. */
    private static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '*' || c == '-';
    }
}
