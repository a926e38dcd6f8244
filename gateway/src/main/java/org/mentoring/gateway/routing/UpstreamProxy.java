package org.mentoring.gateway.routing;

import io.netty.channel.ConnectTimeoutException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;
import org.mentoring.contracts.logging.LogSafe;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.gateway.config.GatewayConfig;
import org.mentoring.gateway.http.RequestIds;
import org.mentoring.gateway.problem.ProblemResponses;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The reverse proxy to one upstream: HTTP clients of its own (so connect timeout and pool are per upstream), one per
 * event loop, each with a Vert.x {@link HttpProxy} that streams request and response bodies without buffering them.
 * A client per event loop keeps each exchange on one thread: the caller's connection and the upstream connection
 * belong to the same event loop, where one shared client would often lend a connection opened by another loop, and
 * every read and write of the exchange would then be handed across threads. Headers, the
 * {@code Authorization} header included, are relayed unchanged apart from hop-by-hop ones. Around the exchange:
 * the upstream's {@link CircuitBreaker}, round robin over its replicas with failover past a refused connection,
 * bounded connect retries for idempotent methods, the body size limit for chunked bodies, and problem documents
 * for every failure.
 */
final class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);
    private static final String RETRY_AFTER = "Retry-After";
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String BODY_TOO_LARGE = "bodyTooLarge";

    private final Vertx vertx;
    private final Upstream upstream;
    private final HttpClientOptions clientOptions;
    /** The client and proxy of each event loop thread, made on first use; the shared one serves any other thread. */
    private final Map<Thread, HttpProxy> proxies = new ConcurrentHashMap<>();
    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();
    private final HttpProxy shared;
    private final RequestOptions origin;
    private final CircuitBreaker breaker;
    private final long maxBodyBytes;
    private final int retries;
    private final long retryBackoffMillis;
    private final Counter retried;

    private UpstreamProxy(Vertx vertx, Upstream upstream, GatewayConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.upstream = upstream;
        // The connection limit is the upstream's, shared out among the event loops' clients.
        int eventLoops = 0;
        for (var loop : ((VertxInternal) vertx).getEventLoopGroup()) {
            eventLoops++;
        }
        eventLoops = Math.max(1, eventLoops);
        this.clientOptions = new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(upstream.connectTimeout().toMillis()))
                .setMaxPoolSize(Math.max(1, (config.maxConnectionsPerUpstream() + eventLoops - 1) / eventLoops))
                .setSsl(upstream.ssl())
                .setKeepAlive(true);
        this.origin = new RequestOptions()
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                // Bounds the wait for a pooled connection; the TCP connect itself is bounded by the client option.
                .setConnectTimeout(upstream.connectTimeout().toMillis())
                // Read timeout: the longest silence from the upstream while we wait for or stream its answer.
                .setIdleTimeout(upstream.readTimeout().toMillis());
        GatewayConfig.CircuitBreaker breakerConfig = config.circuitBreakers().get(upstream.name());
        this.breaker = new CircuitBreaker(breakerConfig.failureThreshold(), breakerConfig.openFor(), System::nanoTime);
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.retries = config.retries();
        this.retryBackoffMillis = Math.max(1, config.retryBackoff().toMillis());
        this.retried = Counter.builder("gateway.upstream.retries")
                .description("Connection attempts repeated after a replica of the upstream refused or could not be"
                        + " reached (on another replica, or the same after a pause)")
                .tag("upstream", upstream.name())
                .register(registry);
        this.shared = newProxy();
    }

    private HttpProxy newProxy() {
        HttpClient client = vertx.createHttpClient(clientOptions);
        clients.add(client);
        HttpProxy proxy = HttpProxy.reverseProxy(client).origin(context -> connect(context, upstream.nextStart(), 0));
        // Interceptors see the request in the order added: failures are mapped outermost, around everything.
        proxy.addInterceptor(new FailuresAsProblems());
        proxy.addInterceptor(new ForwardedHeaders());
        proxy.addInterceptor(new BodyLimit());
        proxy.addInterceptor(new GatewayOwnedHeaders());
        return proxy;
    }

    /** The proxy whose client belongs to the calling event loop. */
    private HttpProxy proxy() {
        return Context.isOnEventLoopThread() ? proxies.computeIfAbsent(Thread.currentThread(), t -> newProxy()) : shared;
    }

    static UpstreamProxy create(Vertx vertx, Upstream upstream, GatewayConfig config, MeterRegistry registry) {
        return new UpstreamProxy(vertx, upstream, config, registry);
    }

    /** Streams the request to the upstream, unless its circuit breaker is open (503 at once). */
    void forward(HttpServerRequest request) {
        long waitSeconds = breaker.tryAcquire();
        if (waitSeconds > 0) {
            request.response().putHeader(RETRY_AFTER, Long.toString(waitSeconds));
            ProblemResponses.sendRefusingBody(request, ProblemResponses.serviceUnavailable(request.path()));
            return;
        }
        proxy().handle(request);
    }

    Future<Void> close() {
        return Future.all(clients.stream().map(HttpClient::close).toList()).mapEmpty();
    }

    /**
     * Opens the request to one of the upstream's replicas, taking them in turn ({@code start} is this request's first).
     * When a replica refuses the connection (or has no route) the next one is tried at once, whatever the method:
     * nothing reached the refusing replica, so nothing can happen twice. When every replica has refused, an
     * idempotent request is tried again a few times with a growing pause. A connect timeout is not retried: the
     * caller would wait several timeouts, and a replica that is slow to accept may still be working.
     */
    private Future<HttpClientRequest> connect(ProxyContext context, int start, int attempt) {
        Upstream.Endpoint endpoint = upstream.endpoint(start, attempt);
        RequestOptions options = new RequestOptions(origin).setHost(endpoint.host()).setPort(endpoint.port());
        return context.client().request(options).map(request -> {
            // The outcome reaches the caller through the proxy; without a handler Vert.x would also log an
            // expected reset (a body cut off at the size limit) as an error.
            request.exceptionHandler(e -> LOG.debugf("Upstream %s request ended: %s", upstream.name(), e.getMessage()));
            return request;
        }).recover(failure -> {
            if (!isConnectionRefused(failure)) {
                return Future.failedFuture(failure);
            }
            int replicas = upstream.endpoints().size();
            if (attempt + 1 < replicas) {
                LOG.debugf("Upstream %s replica %s refused the connection: trying the next", upstream.name(), endpoint);
                retried.increment();
                return connect(context, start, attempt + 1);
            }
            int retriesUsed = attempt + 1 - replicas;
            if (retriesUsed >= retries || !IDEMPOTENT.contains(context.request().getMethod())) {
                return Future.failedFuture(failure);
            }
            retried.increment();
            Promise<HttpClientRequest> retry = Promise.promise();
            vertx.setTimer(retryBackoffMillis << retriesUsed, t -> connect(context, start, attempt + 1).onComplete(retry));
            return retry.future();
        });
    }

    /**
     * The proxy answers an unreachable or silent upstream with an empty 502; clients get a problem document
     * instead: 503 with {@code Retry-After} when no connection could be made, 504 when a timeout expired, 502
     * otherwise, and 413 when the body was cut off at the size limit. Every outcome but the last feeds the
     * circuit breaker.
     */
    private final class FailuresAsProblems implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().map(response -> {
                breaker.onSuccess();
                return response;
            }).recover(failure -> {
                HttpServerRequest incoming = context.request().proxiedRequest();
                Problem problem;
                if (Boolean.TRUE.equals(context.get(BODY_TOO_LARGE, Boolean.class))) {
                    ProblemResponses.discardRestOfBody(incoming);
                    return Future.succeededFuture(problemResponse(context,
                            ProblemResponses.payloadTooLarge(incoming.path(), maxBodyBytes)));
                }
                if (incoming.response().closed()) {
                    // The caller hung up and the proxy reset the upstream request on its behalf: says nothing
                    // about the upstream, so the breaker is not told, and there is nobody to answer.
                    LOG.debugf("%s %s: the caller left before upstream %s answered", incoming.method(),
                            LogSafe.path(incoming.path()), upstream.name());
                    return Future.failedFuture(failure);
                }
                breaker.onFailure();
                LOG.warnf("%s %s -> upstream %s failed (%s: %s), request id %s",
                        incoming.method(), LogSafe.path(incoming.path()), upstream.name(),
                        failure.getClass().getSimpleName(), LogSafe.text(failure.getMessage()),
                        LogSafe.text(incoming.getHeader(RequestIds.HEADER)));
                if (isTimeout(failure)) {
                    problem = ProblemResponses.gatewayTimeout(incoming.path());
                } else if (isConnectionRefused(failure)) {
                    problem = ProblemResponses.serviceUnavailable(incoming.path());
                } else {
                    problem = ProblemResponses.badGateway(incoming.path());
                }
                ProxyResponse response = problemResponse(context, problem);
                if (problem.status() == 503) {
                    response.putHeader(RETRY_AFTER, Long.toString(breaker.retryAfterSeconds()));
                }
                return Future.succeededFuture(response);
            });
        }
    }

    private static ProxyResponse problemResponse(ProxyContext context, Problem problem) {
        return context.request().release().response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(ProblemResponses.body(problem)));
    }

    /**
     * Cuts off a chunked request body at {@code gateway.max-body-size}. A body with a {@code Content-Length}
     * was checked before forwarding, and Vert.x never reads past its declared length.
     */
    private final class BodyLimit implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            Body body = context.request().getBody();
            if (body != null && body.length() < 0) {
                context.request().setBody(Body.body(
                        new CappedBody(body.stream(), maxBodyBytes, () -> context.set(BODY_TOO_LARGE, true)), -1));
            }
            return context.sendRequest();
        }
    }

    /**
     * Drops response headers that the gateway alone writes (CORS, rate limits, request id), so an upstream that
     * sets them too cannot produce duplicates that browsers reject.
     */
    static final class GatewayOwnedHeaders implements ProxyInterceptor {

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            var headers = context.response().headers();
            List<String> owned = new ArrayList<>();
            for (String name : headers.names()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("access-control-") || lower.startsWith("ratelimit")
                        || lower.equals("x-request-id")) {
                    owned.add(name);
                }
            }
            owned.forEach(headers::remove);
            return context.sendResponse();
        }
    }

    /**
     * No connection could be made: refused, no route, unknown host. The upstream never saw the request. A connect
     * timeout is not one of these (Netty's is a ConnectException too): it is a timeout, 504, never retried.
     */
    static boolean isConnectionRefused(Throwable failure) {
        if (isTimeout(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof ConnectTimeoutException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells the service who called and how: the proxy drops the {@code Host} the client used, so it goes on as
     * {@code X-Forwarded-Host}. The scheme and client address are what Quarkus reports, which honours
     * {@code quarkus.http.proxy.*} when the gateway itself sits behind a load balancer. {@code X-Forwarded-For}
     * is appended to, so services must trust only its last entry, the one the gateway wrote.
     */
    static final class ForwardedHeaders implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            var headers = context.request().headers();
            if (incoming.remoteAddress() != null) {
                String client = incoming.remoteAddress().hostAddress();
                String earlier = headers.get("X-Forwarded-For");
                headers.set("X-Forwarded-For", earlier == null || earlier.isBlank() ? client : earlier + ", " + client);
            }
            headers.set("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
            // A client-written RFC 7239 header would contradict the X-Forwarded-* set here; drop it.
            headers.remove("Forwarded");
            if (incoming.authority() != null) {
                headers.set("X-Forwarded-Host", incoming.authority().toString());
            }
            return context.sendRequest();
        }
    }
}
