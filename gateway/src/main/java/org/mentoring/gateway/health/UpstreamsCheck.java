package org.mentoring.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.mentoring.gateway.config.GatewayConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ready when every upstream says it is ready ({@code /q/health/ready}) through at least one of its replicas, each
 * answer kept for {@code gateway.health.cache-for}. The answer names each upstream's state either way.
 * <p>
 * With {@code gateway.health.require-upstreams=false} the upstreams are only reported: then one service down
 * leaves the gateway ready for the routes of the others, which suits a deployment where the orchestrator would
 * otherwise take the whole front door out of rotation for one service (the circuit breaker answers 503 for that
 * service's routes meanwhile).
 */
@Readiness
@ApplicationScoped
public class UpstreamsCheck implements AsyncHealthCheck {

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private HttpClient client;
    /** Per upstream, one probe per replica. */
    private final Map<String, List<RemoteProbe>> probes = new LinkedHashMap<>();

    @PostConstruct
    void init() {
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(2));
        config.upstreams().forEach((name, urls) -> probes.put(name, urls.stream().map(url -> new RemoteProbe(client,
                url.resolve("/q/health/ready"), config.health().timeout(), config.health().cacheFor(),
                body -> new RemoteProbe.Verdict(true, "UP"))).toList()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** An upstream is up while at least one of its replicas is; the data says how many are. */
    @Override
    public Uni<HealthCheckResponse> call() {
        List<String> names = new ArrayList<>(probes.keySet());
        List<List<Future<RemoteProbe.Verdict>>> verdicts = names.stream()
                .map(n -> probes.get(n).stream().map(RemoteProbe::verdict).toList()).toList();
        List<Future<RemoteProbe.Verdict>> all = verdicts.stream().flatMap(List::stream).toList();
        Future<HealthCheckResponse> response = Future.join(new ArrayList<>(all)).transform(done -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("gateway-upstreams");
            boolean allUp = true;
            for (int i = 0; i < names.size(); i++) {
                List<RemoteProbe.Verdict> replicas = verdicts.get(i).stream().map(Future::result).toList();
                long up = replicas.stream().filter(RemoteProbe.Verdict::up).count();
                String firstDown = replicas.stream().filter(v -> !v.up()).map(RemoteProbe.Verdict::detail)
                        .findFirst().orElse("");
                allUp &= up > 0;
                String data;
                if (up == replicas.size()) {
                    data = "UP";
                } else if (up > 0) {
                    data = "UP (" + up + " of " + replicas.size() + " replicas; " + firstDown + ")";
                } else {
                    data = "DOWN (" + firstDown + ")";
                }
                builder.withData(names.get(i), data);
            }
            return Future.succeededFuture(builder.status(allUp || !config.health().requireUpstreams()).build());
        });
        return Uni.createFrom().completionStage(response.toCompletionStage());
    }
}
