package org.mentoring.gateway.routing;

import java.util.Collections;
import java.util.Set;

/**
 * One line of the routing table: requests whose path matches {@code pattern} go to {@code upstream}, and, for
 * the {@code methods} listed (all when empty), only callers holding one of {@code roles} (anyone
 * authenticated when empty) may pass; calls count against the {@code rateLimitClass} buckets. An {@code anonymous}
 * route also lets callers without a token through (a calendar app fetching a feed by its secret URL): the
 * service decides. This is the gateway's first line; every service checks again at object level.
 */
public record GatewayRoute(RoutePattern pattern, String upstream, Set<String> roles, Set<String> methods,
                           String rateLimitClass, boolean anonymous) {

    public static final String DEFAULT_RATE_LIMIT_CLASS = "default";

    public GatewayRoute {
        roles = Set.copyOf(roles);
        methods = Set.copyOf(methods);
        if (anonymous && !roles.isEmpty()) {
            throw new IllegalArgumentException("route " + pattern + " cannot be anonymous and require roles " + roles);
        }
    }

    public GatewayRoute(RoutePattern pattern, String upstream, Set<String> roles, Set<String> methods) {
        this(pattern, upstream, roles, methods, DEFAULT_RATE_LIMIT_CLASS, false);
    }

    /** Whether a caller holding {@code callerRoles} may send a {@code method} request here. */
    public boolean permits(String method, Set<String> callerRoles) {
        boolean ruleApplies = !roles.isEmpty() && (methods.isEmpty() || methods.contains(method));
        return !ruleApplies || !Collections.disjoint(roles, callerRoles);
    }
}
