package org.mentoring.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.mentoring.gateway.config.GatewayConfig;
import org.mentoring.gateway.problem.ProblemResponses;
import org.mentoring.gateway.ratelimit.RateLimiter;
import org.mentoring.gateway.report.PersonalExport;
import org.mentoring.gateway.report.ProgrammeAccessLog;
import org.mentoring.gateway.report.ProgrammeReport;
import org.mentoring.gateway.report.UpstreamReads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mounts the proxy on Quarkus' own main router, behind Quarkus HTTP security (a second server would bypass
 * it). No body handler is installed on these routes: request and response bodies stream through.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    ProgrammeReport report;

    @Inject
    PersonalExport export;

    @Inject
    ProgrammeAccessLog accessLog;

    private final Map<String, UpstreamProxy> proxies = new LinkedHashMap<>();
    private UpstreamReads reads;

    void init(@Observes Router router) {
        RoutingTable table = RoutingTable.of(config);
        table.upstreams().values().forEach(upstream ->
                proxies.put(upstream.name(), UpstreamProxy.create(vertx, upstream, config, registry)));
        Admission admission = new Admission(rateLimiter);
        ProxyHandler handler = new ProxyHandler(table, proxies, config.maxBodySize().asLongValue(), admission);
        // The gateway's own resources, composed from the services' answers, before the proxy's catch-all.
        reads = new UpstreamReads(vertx, table, admission, config.report().timeout());
        report.mount(router, reads);
        export.mount(router, reads);
        accessLog.mount(router, reads);
        for (String root : RoutingTable.PROXIED_ROOTS) {
            router.route("/" + root + "/*").handler(handler);
        }
        // Anything no other route took: a problem document rather than Vert.x' plain-text 404.
        router.route().last().handler(rc ->
                ProblemResponses.send(rc.response(), ProblemResponses.notFound(rc.request().path())));
        LOG.infof("Gateway routes: %s", table.routes().stream()
                .map(r -> r.pattern() + " -> " + r.upstream()
                        + (r.roles().isEmpty() ? "" : " " + r.roles() + (r.methods().isEmpty() ? "" : " on " + r.methods())))
                .collect(Collectors.joining(", ")));
    }

    @PreDestroy
    void close() {
        proxies.values().forEach(UpstreamProxy::close);
        if (reads != null) {
            reads.close();
        }
    }
}
