package org.mentoring.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.mentoring.gateway.config.GatewayConfig;
import org.mentoring.gateway.problem.ProblemResponses;
import org.mentoring.gateway.report.ProgrammeReport;
import org.mentoring.gateway.routing.RoutingTable;
import org.mentoring.gateway.routing.Upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the services' OpenAPI documents merged into one (see {@link OpenApiMerger}) at {@code /openapi.json},
 * {@code /openapi.yaml} and {@code /q/openapi} (YAML, or JSON with {@code ?format=json}, like Quarkus' own),
 * which is also what Swagger UI at {@code /q/swagger-ui} shows. No token is needed: the document is public.
 * <p>
 * The services are asked at startup and again once the merged document is older than
 * {@code gateway.openapi.cache-for}. A service that is down is left out (or keeps its last document) and asked
 * again after {@code gateway.openapi.retry-after}; it never stops the gateway or fails the document.
 */
@ApplicationScoped
public class ApiDocument {

    private static final Logger LOG = Logger.getLogger(ApiDocument.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Without it a version "1.0" or a code "200" would come back from the YAML as a number.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final String YAML_TYPE = "application/yaml;charset=UTF-8";
    private static final String JSON_TYPE = "application/json;charset=UTF-8";

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private RoutingTable table;
    private OpenApiMerger merger;
    private HttpClient client;
    /** Each service's last document that could be read: a service that restarts keeps its calls shown. */
    private final Map<String, JsonNode> lastRead = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;
    private Future<Snapshot> refreshing;

    private record Snapshot(ObjectNode document, long builtAtNanos, boolean complete) {
    }

    void init(@Observes Router router) {
        table = RoutingTable.of(config);
        String realm = config.openapi().authServerUrl().toString().replaceAll("/+$", "");
        merger = new OpenApiMerger(table, new OpenApiMerger.OAuth(realm + "/protocol/openid-connect/auth",
                realm + "/protocol/openid-connect/token", config.openapi().clientId()), config.openapi().title(),
                ProgrammeReport.openApi());
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(Math.toIntExact(config.openapi().fetchTimeout().toMillis()))
                .setMaxPoolSize(2));
        router.get("/openapi.json").handler(rc -> serve(rc, false));
        router.get("/openapi.yaml").handler(rc -> serve(rc, true));
        router.get("/q/openapi").handler(rc -> serve(rc, !wantsJson(rc)));
        // Read the documents once at startup, so the first visitor does not wait; failures are only logged.
        document();
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static boolean wantsJson(RoutingContext rc) {
        String format = rc.request().getParam("format");
        if (format != null) {
            return format.equalsIgnoreCase("json");
        }
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("application/json");
    }

    private void serve(RoutingContext rc, boolean yaml) {
        document().onComplete(result -> {
            if (result.failed()) {
                String incident = UUID.randomUUID().toString();
                LOG.errorf(result.cause(), "Cannot build the merged API document (incident %s)", incident);
                ProblemResponses.send(rc.response(), ProblemResponses.internal(rc.request().path(), incident));
                return;
            }
            ObjectNode document = result.result().document().deepCopy();
            document.putArray("servers").addObject().put("url", publicUrl(rc));
            // Keep 'openapi' and 'info' first, as readers expect, after the servers were added last.
            ObjectNode ordered = JSON.createObjectNode();
            ordered.set("openapi", document.remove("openapi"));
            ordered.set("info", document.remove("info"));
            ordered.set("servers", document.remove("servers"));
            ordered.setAll(document);
            try {
                byte[] body = (yaml ? YAML : JSON).writeValueAsBytes(ordered);
                rc.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, yaml ? YAML_TYPE : JSON_TYPE)
                        // Short: a service that was down may be in the next one.
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(Buffer.buffer(body));
            } catch (IOException e) {
                rc.fail(e);
            }
        });
    }

    private String publicUrl(RoutingContext rc) {
        if (config.publicUrl().isPresent()) {
            return config.publicUrl().get().toString().replaceAll("/+$", "");
        }
        HostAndPort authority = rc.request().authority();
        // No Host header (HTTP/1.0): a relative server URL means "where this document came from".
        return authority == null ? "/" : rc.request().scheme() + "://" + authority;
    }

    /** The current merged document, rebuilt when it is older than allowed; concurrent callers share one rebuild. */
    private Future<Snapshot> document() {
        Snapshot current = snapshot;
        long maxAge = (current != null && current.complete() ? config.openapi().cacheFor()
                : config.openapi().retryAfter()).toNanos();
        if (current != null && System.nanoTime() - current.builtAtNanos() < maxAge) {
            return Future.succeededFuture(current);
        }
        synchronized (this) {
            if (refreshing == null) {
                refreshing = rebuild().onComplete(done -> {
                    synchronized (this) {
                        refreshing = null;
                    }
                });
            }
            return refreshing;
        }
    }

    private Future<Snapshot> rebuild() {
        List<Upstream> upstreams = new ArrayList<>(table.upstreams().values());
        List<Future<JsonNode>> reads = upstreams.stream().map(this::read).toList();
        return Future.join(new ArrayList<>(reads)).transform(ignored -> {
            Map<String, JsonNode> documents = new TreeMap<>();
            Set<String> unavailable = new TreeSet<>();
            boolean complete = true;
            for (int i = 0; i < upstreams.size(); i++) {
                String name = upstreams.get(i).name();
                Future<JsonNode> read = reads.get(i);
                if (read.succeeded()) {
                    lastRead.put(name, read.result());
                } else {
                    complete = false;
                    LOG.warnf("OpenAPI document of %s not read (%s); asking again in %s", name,
                            read.cause().getMessage(), config.openapi().retryAfter());
                }
                if (lastRead.containsKey(name)) {
                    documents.put(name, lastRead.get(name));
                } else {
                    unavailable.add(name);
                }
            }
            try {
                Snapshot built = new Snapshot(merger.merge(documents, unavailable), System.nanoTime(), complete);
                snapshot = built;
                return Future.succeededFuture(built);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        });
    }

    private Future<JsonNode> read(Upstream upstream) {
        long timeout = config.openapi().fetchTimeout().toMillis();
        Upstream.Endpoint replica = upstream.next();
        return client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(replica.host())
                        .setPort(replica.port())
                        .setSsl(upstream.ssl())
                        .setURI("/q/openapi?format=json")
                        .putHeader(HttpHeaders.ACCEPT, "application/json")
                        .setConnectTimeout(timeout)
                        .setIdleTimeout(timeout))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .compose(body -> {
                    try {
                        JsonNode document = JSON.readTree(body.getBytes());
                        return document != null && document.isObject()
                                ? Future.succeededFuture(document)
                                : Future.failedFuture("not a JSON object");
                    } catch (IOException e) {
                        return Future.failedFuture(e);
                    }
                });
    }
}
