package org.mentoring.gateway.routing;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.gateway.http.RequestIds;
import org.mentoring.gateway.problem.ProblemResponses;

import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * The reverse proxy to one upstream: its own HTTP client (so connect timeout and pool are per upstream) and a
 * Vert.x {@link HttpProxy} that streams request and response bodies without buffering them. Headers, the
 * {@code Authorization} header included, are relayed unchanged apart from hop-by-hop ones.
 */
final class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    private final Upstream upstream;
    private final HttpClient client;
    private final HttpProxy proxy;

    private UpstreamProxy(Upstream upstream, HttpClient client, HttpProxy proxy) {
        this.upstream = upstream;
        this.client = client;
        this.proxy = proxy;
    }

    static UpstreamProxy create(Vertx vertx, Upstream upstream, int poolSize) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(upstream.connectTimeout().toMillis()))
                .setMaxPoolSize(poolSize)
                .setSsl(upstream.ssl())
                .setKeepAlive(true));
        RequestOptions origin = new RequestOptions()
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                // Bounds the wait for a pooled connection; the TCP connect itself is bounded by the client option.
                .setConnectTimeout(upstream.connectTimeout().toMillis())
                // Read timeout: the longest silence from the upstream while we wait for or stream its answer.
                .setIdleTimeout(upstream.readTimeout().toMillis());
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .origin(context -> context.client().request(new RequestOptions(origin)));
        UpstreamProxy upstreamProxy = new UpstreamProxy(upstream, client, proxy);
        // Interceptors see the request in the order added: failures are mapped outermost, around everything.
        proxy.addInterceptor(upstreamProxy.new FailuresAsProblems());
        proxy.addInterceptor(new ForwardedHeaders());
        return upstreamProxy;
    }

    void forward(HttpServerRequest request) {
        proxy.handle(request);
    }

    Future<Void> close() {
        return client.close();
    }

    /**
     * The proxy answers an unreachable or silent upstream with an empty 502; clients get a problem document
     * instead, 504 when a timeout expired and 502 otherwise.
     */
    private final class FailuresAsProblems implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                HttpServerRequest incoming = context.request().proxiedRequest();
                boolean timeout = isTimeout(failure);
                LOG.warnf("%s %s -> upstream %s failed (%s: %s), request id %s",
                        incoming.method(), incoming.path(), upstream.name(), failure.getClass().getSimpleName(),
                        failure.getMessage(), incoming.getHeader(RequestIds.HEADER));
                Problem problem = timeout
                        ? ProblemResponses.gatewayTimeout(incoming.path())
                        : ProblemResponses.badGateway(incoming.path());
                return Future.succeededFuture(context.request().release().response()
                        .setStatusCode(problem.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .setBody(Body.body(ProblemResponses.body(problem))));
            });
        }
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
