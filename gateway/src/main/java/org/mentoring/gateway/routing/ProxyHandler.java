package org.mentoring.gateway.routing;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.mentoring.gateway.problem.ProblemResponses;
import org.mentoring.gateway.security.Callers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Handles every request under {@code /api/} and {@code /scim/}: requires an authenticated caller, finds the
 * most specific route, applies its role rule and streams the request to the route's upstream.
 * <p>
 * Authentication itself is Quarkus' (proactive, SmallRye JWT): by the time this runs the token has been
 * verified, and a bad one never gets here (see {@link org.mentoring.gateway.problem.FailureProblems}).
 * The checks are done here rather than with {@code quarkus.http.auth.permission.*} because Quarkus answers a
 * permission refused to an anonymous caller with an empty 401 that no handler can give a body to.
 */
final class ProxyHandler implements Handler<RoutingContext> {

    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private final RoutingTable table;
    private final Map<String, UpstreamProxy> proxies;

    ProxyHandler(RoutingTable table, Map<String, UpstreamProxy> proxies) {
        this.table = table;
        this.proxies = Map.copyOf(proxies);
    }

    @Override
    public void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = request.path();
        Optional<SecurityIdentity> caller = Callers.authenticated(rc);
        if (caller.isEmpty()) {
            ProblemResponses.send(rc.response(), ProblemResponses.unauthorized(path));
            return;
        }
        Optional<List<String>> segments = RequestPath.segments(path, rc.normalizedPath());
        if (segments.isEmpty()) {
            ProblemResponses.send(rc.response(), ProblemResponses.badPath(path));
            return;
        }
        Optional<GatewayRoute> route = table.resolve(segments.get());
        if (route.isEmpty()) {
            ProblemResponses.send(rc.response(), ProblemResponses.notFound(path));
            return;
        }
        tagMetricsWithRoute(route.get());
        if (!route.get().permits(request.method().name(), caller.get().getRoles())) {
            ProblemResponses.send(rc.response(), ProblemResponses.forbidden(path));
            return;
        }
        proxies.get(route.get().upstream()).forward(request);
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
