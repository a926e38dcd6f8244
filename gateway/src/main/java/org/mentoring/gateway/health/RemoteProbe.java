package org.mentoring.gateway.health;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * A readiness probe of something the gateway depends on, over HTTP, whose verdict is kept for a few seconds:
 * orchestrators probe often, and every probe of the gateway must not become a request to each service.
 * Concurrent probes share one request.
 */
final class RemoteProbe {

    /** What a probe found: {@code up}, and a short reason either way. */
    record Verdict(boolean up, String detail) {
    }

    private final HttpClient client;
    private final URI target;
    private final Duration timeout;
    private final long cacheNanos;
    private final Function<Buffer, Verdict> judge;
    private Future<Verdict> latest;
    private long checkedAt;

    RemoteProbe(HttpClient client, URI target, Duration timeout, Duration cacheFor, Function<Buffer, Verdict> judge) {
        this.client = client;
        this.target = target;
        this.timeout = timeout;
        this.cacheNanos = cacheFor.toNanos();
        this.judge = judge;
    }

    synchronized Future<Verdict> verdict() {
        long now = System.nanoTime();
        if (latest == null || (latest.isComplete() && now - checkedAt >= cacheNanos)) {
            checkedAt = now;
            latest = check();
        }
        return latest;
    }

    private Future<Verdict> check() {
        boolean ssl = "https".equalsIgnoreCase(target.getScheme());
        int port = target.getPort() >= 0 ? target.getPort() : (ssl ? 443 : 80);
        String uri = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(target.getHost())
                        .setPort(port)
                        .setSsl(ssl)
                        .setURI(uri)
                        .setConnectTimeout(timeout.toMillis())
                        .setIdleTimeout(timeout.toMillis()))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body().map(judge)
                        : Future.succeededFuture(new Verdict(false, "HTTP " + response.statusCode())))
                .otherwise(failure -> new Verdict(false, failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage())));
    }
}
