package org.mentoring.gateway.routing;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.mentoring.gateway.problem.ProblemResponses;
import org.mentoring.gateway.security.Callers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Handles every request under {@code /api/} and {@code /scim/}: admits it ({@link Admission}: rate limit, no
 * token in the query string), requires an authenticated caller unless the route is anonymous, finds the most
 * specific route, applies its role rule and body size limit, and streams the request to the route's upstream.
 * <p>
 * Authentication itself is Quarkus' (proactive, SmallRye JWT): by the time this runs the token has been
 * verified, and a bad one never gets here (see {@link org.mentoring.gateway.problem.FailureProblems}).
 * The checks are done here rather than with {@code quarkus.http.auth.permission.*} because Quarkus answers a
 * permission refused to an anonymous caller with an empty 401 that no handler can give a body to.
 */
public final class ProxyHandler implements Handler<RoutingContext> {

    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final String ROUTE = GatewayRoute.class.getName();

    private final RoutingTable table;
    private final Map<String, UpstreamProxy> proxies;
    private final long maxBodyBytes;
    private final Admission admission;

    ProxyHandler(RoutingTable table, Map<String, UpstreamProxy> proxies, long maxBodyBytes, Admission admission) {
        this.table = table;
        this.proxies = Map.copyOf(proxies);
        this.maxBodyBytes = maxBodyBytes;
        this.admission = admission;
    }

    @Override
    public void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = request.path();
        Optional<SecurityIdentity> caller = Callers.authenticated(rc);
        Optional<List<String>> segments = RequestPath.segments(path, rc.normalizedPath());
        Optional<GatewayRoute> route = segments.flatMap(table::resolve);

        String limitClass = route.map(GatewayRoute::rateLimitClass).orElse(GatewayRoute.DEFAULT_RATE_LIMIT_CLASS);
        if (!admission.admit(rc, limitClass, caller)) {
            return;
        }
        // Anonymous callers learn nothing about the routes, except on the routes open to them.
        if (caller.isEmpty() && !route.map(GatewayRoute::anonymous).orElse(false)) {
            ProblemResponses.sendRefusingBody(request, ProblemResponses.unauthorized(path));
            return;
        }
        if (segments.isEmpty()) {
            ProblemResponses.sendRefusingBody(request, ProblemResponses.badPath(path));
            return;
        }
        if (route.isEmpty()) {
            ProblemResponses.sendRefusingBody(request, ProblemResponses.notFound(path));
            return;
        }
        rc.put(ROUTE, route.get());
        tagMetricsWithRoute(route.get());
        if (caller.isPresent() && !route.get().permits(request.method().name(), caller.get().getRoles())) {
            ProblemResponses.sendRefusingBody(request, ProblemResponses.forbidden(path));
            return;
        }
        if (declaredBodyLength(request) > maxBodyBytes) {
            ProblemResponses.sendRefusingBody(request, ProblemResponses.payloadTooLarge(path, maxBodyBytes));
            return;
        }
        proxies.get(route.get().upstream()).forward(request);
    }

    /** The route a request was sent along, for the access log; absent when it was refused before routing. */
    public static Optional<GatewayRoute> routeOf(RoutingContext rc) {
        return Optional.ofNullable(rc.get(ROUTE));
    }

    /** The {@code Content-Length} of the request, -1 when absent; an unreadable one counts as too large. */
    private static long declaredBodyLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * HTTP server metrics would otherwise be tagged with the raw path, one series per id. The request context
     * local {@value #URL_PATH_TEMPLATE} is where Quarkus' metrics look for the template of a request
     * (RESTEasy Reactive sets it for its endpoints); the gateway's template is the route pattern.
     */
    private static void tagMetricsWithRoute(GatewayRoute route) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(URL_PATH_TEMPLATE, route.pattern().text());
        }
    }
}
