package org.mentoring.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.mentoring.gateway.config.GatewayConfig;

/**
 * Ready once the application runs: the routing table was checked at startup, or the application would not
 * have started. Reports its size so a probe's answer shows which table is live. The upstreams and the key set
 * have checks of their own ({@link UpstreamsCheck}, {@link JwksCheck}).
 */
@Readiness
@ApplicationScoped
public class RoutingTableCheck implements HealthCheck {

    @Inject
    GatewayConfig config;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("gateway-routing")
                .up()
                .withData("routes", config.routes().size())
                .withData("upstreams", String.join(",", config.upstreams().keySet()))
                .build();
    }
}
