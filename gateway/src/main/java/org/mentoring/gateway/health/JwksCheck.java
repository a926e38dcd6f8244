package org.mentoring.gateway.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.mentoring.gateway.config.GatewayConfig;

import java.io.IOException;
import java.net.URI;

/**
 * Ready when the identity provider's key set ({@code mp.jwt.verify.publickey.location}) answers with at least
 * one key: without it no token can be verified and every API call would be a 401. Kept for
 * {@code gateway.health.cache-for}. A key set that is a local file or resource is always there.
 */
@Readiness
@ApplicationScoped
public class JwksCheck implements AsyncHealthCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String location;

    private HttpClient client;
    private RemoteProbe probe;

    @PostConstruct
    void init() {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(1));
            probe = new RemoteProbe(client, URI.create(location), config.health().timeout(),
                    config.health().cacheFor(), JwksCheck::judge);
        }
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (probe == null) {
            return Uni.createFrom().item(HealthCheckResponse.named("jwks").up().withData("location", "local").build());
        }
        return Uni.createFrom().completionStage(probe.verdict().map(verdict -> HealthCheckResponse.named("jwks")
                .status(verdict.up()).withData("keys", verdict.detail()).build()).toCompletionStage());
    }

    private static RemoteProbe.Verdict judge(io.vertx.core.buffer.Buffer body) {
        try {
            JsonNode keys = JSON.readTree(body.getBytes()).path("keys");
            return keys.isArray() && !keys.isEmpty()
                    ? new RemoteProbe.Verdict(true, keys.size() + " key(s)")
                    : new RemoteProbe.Verdict(false, "no keys");
        } catch (IOException e) {
            return new RemoteProbe.Verdict(false, "not a JSON key set");
        }
    }
}
