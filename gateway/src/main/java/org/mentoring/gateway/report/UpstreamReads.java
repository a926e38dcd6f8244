package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import org.mentoring.gateway.problem.ProblemResponses;
import org.mentoring.gateway.routing.Admission;
import org.mentoring.gateway.routing.GatewayRoute;
import org.mentoring.gateway.routing.RequestPath;
import org.mentoring.gateway.routing.RoutingTable;
import org.mentoring.gateway.routing.Upstream;
import org.mentoring.gateway.security.Callers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the gateway's composed reads (the programme report, a person's export) share: each service is asked for its
 * part at the same time, through the routing table, with the caller's token relayed (so every service checks it
 * again), and is waited for at most {@code gateway.report.timeout}. A part that does not come is {@link Answer#NONE},
 * never a failure, so the composed document names it unavailable instead of failing as a whole.
 */
public final class UpstreamReads implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RELAYED = List.of("Authorization", "X-Request-Id", "traceparent", "tracestate");

    private final HttpClient client;
    private final RoutingTable table;
    private final Admission admission;
    private final long timeoutMillis;

    /** What a source answered: its status and body, or nothing when it could not be reached in time. */
    public record Answer(int status, Buffer body) {
        public static final Answer NONE = new Answer(0, null);

        /** The body when the source answered 200 with a JSON object; null otherwise. */
        public JsonNode object() {
            JsonNode node = json();
            return node != null && node.isObject() ? node : null;
        }

        /** The body when the source answered 200 with a JSON array; null otherwise. */
        public JsonNode array() {
            JsonNode node = json();
            return node != null && node.isArray() ? node : null;
        }

        private JsonNode json() {
            if (status != 200 || body == null) {
                return null;
            }
            try {
                return JSON.readTree(body.getBytes());
            } catch (IOException e) {
                return null;
            }
        }

        /** For the log: what came back instead of a usable part. */
        public String describe() {
            return status == 0 ? "nothing in time" : "HTTP " + status;
        }
    }

    public UpstreamReads(Vertx vertx, RoutingTable table, Admission admission, Duration timeout) {
        this.table = table;
        this.admission = admission;
        this.timeoutMillis = timeout.toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(timeoutMillis)).setMaxPoolSize(20));
    }

    /**
     * The caller, when they may have this read: admitted by the rate limit, with a token and one of {@code roles}.
     * Otherwise the request has been answered (429, 401 or 403) and the result is empty.
     */
    public Optional<SecurityIdentity> admit(RoutingContext rc, Set<String> roles) {
        String path = rc.request().path();
        Optional<SecurityIdentity> caller = Callers.authenticated(rc);
        if (!admission.admit(rc, GatewayRoute.DEFAULT_RATE_LIMIT_CLASS, caller)) {
            return Optional.empty();
        }
        if (caller.isEmpty()) {
            ProblemResponses.send(rc.response(), ProblemResponses.unauthorized(path));
            return Optional.empty();
        }
        if (caller.get().getRoles().stream().noneMatch(roles::contains)) {
            ProblemResponses.send(rc.response(), ProblemResponses.forbidden(path));
            return Optional.empty();
        }
        return caller;
    }

    /**
     * Asks for every URI at once. The result, in the order of {@code uris}, is there when each source has answered or
     * timed out; it never fails.
     */
    public <K> Future<Map<K, Answer>> getAll(RoutingContext rc, Map<K, String> uris) {
        List<K> keys = new ArrayList<>(uris.keySet());
        List<Future<Answer>> answers = keys.stream().map(key -> get(rc, uris.get(key))).toList();
        return Future.join(new ArrayList<>(answers)).transform(done -> {
            Map<K, Answer> result = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                result.put(keys.get(i), answers.get(i).result());
            }
            return Future.succeededFuture(result);
        });
    }

    /**
     * When a source refused the caller (401 or 403, which the gateway's own checks did not foresee), answers the
     * request the same way and returns true: a composed read is never given with a part left out for that reason.
     */
    public static boolean refused(RoutingContext rc, Collection<Answer> answers) {
        String path = rc.request().path();
        for (Answer answer : answers) {
            if (answer.status() == 401 || answer.status() == 403) {
                ProblemResponses.send(rc.response(), answer.status() == 401
                        ? ProblemResponses.unauthorized(path) : ProblemResponses.forbidden(path));
                return true;
            }
        }
        return false;
    }

    /** Answers with a composed document: JSON, never cached. */
    public static void send(RoutingContext rc, JsonNode document) {
        try {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(Buffer.buffer(JSON.writeValueAsBytes(document)));
        } catch (IOException e) {
            rc.fail(e);
        }
    }

    /** Asks the upstream the routing table sends {@code uri} to; never fails (an unreachable one is NONE). */
    private Future<Answer> get(RoutingContext rc, String uri) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        Optional<Upstream> upstream = RequestPath.segments(path, path).flatMap(table::resolve)
                .map(route -> table.upstreams().get(route.upstream()));
        if (upstream.isEmpty()) {
            return Future.succeededFuture(Answer.NONE);
        }
        Upstream.Endpoint replica = upstream.get().next();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(replica.host())
                .setPort(replica.port())
                .setSsl(upstream.get().ssl())
                .setURI(uri)
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis);
        for (String header : RELAYED) {
            String value = rc.request().getHeader(header);
            if (value != null) {
                options.putHeader(header, value);
            }
        }
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
                .otherwise(failure -> Answer.NONE);
    }

    @Override
    public void close() {
        client.close();
    }
}
