package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.gateway.config.GatewayConfig;
import org.mentoring.gateway.problem.ProblemResponses;
import org.mentoring.gateway.routing.Admission;
import org.mentoring.gateway.routing.GatewayRoute;
import org.mentoring.gateway.routing.RequestPath;
import org.mentoring.gateway.routing.RoutingTable;
import org.mentoring.gateway.routing.Upstream;
import org.mentoring.gateway.security.Callers;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/reports/programmes/{programmeId}}: one report of a programme for HR platforms and admins,
 * composed from the aggregates the services expose (see {@link ReportComposer}). The caller's token is relayed,
 * so each service checks it again; the sources are asked in parallel, through the routing table, and one that
 * does not answer in {@code gateway.report.timeout} is left out and named in {@code unavailable} rather than
 * failing the report.
 */
@ApplicationScoped
public class ProgrammeReport {

    public static final String PATH_TEMPLATE = "/api/v1/reports/programmes/{programmeId}";
    static final Set<String> ROLES = Set.of("program-admin", "hr-integration");

    private static final Logger LOG = Logger.getLogger(ProgrammeReport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RELAYED = List.of("Authorization", "X-Request-Id", "traceparent", "tracestate");

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    private HttpClient client;
    private RoutingTable table;
    private Admission admission;

    /** What a source answered: its status and body, or nothing when it could not be reached in time. */
    private record Answer(int status, Buffer body) {
        static final Answer NONE = new Answer(0, null);
    }

    /** Mounts the report on the main router; called before the proxy's catch-all {@code /api/*} route. */
    public void mount(Router router, RoutingTable table, Admission admission) {
        this.table = table;
        this.admission = admission;
        int timeout = Math.toIntExact(config.report().timeout().toMillis());
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout).setMaxPoolSize(20));
        router.get("/api/v1/reports/programmes/:programmeId").handler(this::handle);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private void handle(RoutingContext rc) {
        String path = rc.request().path();
        Optional<SecurityIdentity> caller = Callers.authenticated(rc);
        if (!admission.admit(rc, GatewayRoute.DEFAULT_RATE_LIMIT_CLASS, caller)) {
            return;
        }
        if (caller.isEmpty()) {
            ProblemResponses.send(rc.response(), ProblemResponses.unauthorized(path));
            return;
        }
        if (caller.get().getRoles().stream().noneMatch(ROLES::contains)) {
            ProblemResponses.send(rc.response(), ProblemResponses.forbidden(path));
            return;
        }
        UUID programmeId;
        try {
            programmeId = UUID.fromString(rc.pathParam("programmeId"));
        } catch (IllegalArgumentException e) {
            ProblemResponses.send(rc.response(), Problem.of(400, "bad-request", "Bad Request",
                    "programmeId must be a UUID such as 3f1c5a4e-8d2b-4a8e-9c1f-2b7d6e5a4c3b.", path));
            return;
        }
        Map<ReportComposer.Section, String> uris = new EnumMap<>(ReportComposer.Section.class);
        uris.put(ReportComposer.Section.APPLICATIONS, "/api/v1/programmes/" + programmeId + "/statistics");
        uris.put(ReportComposer.Section.MATCHING, "/api/v1/programmes/" + programmeId + "/matching-statistics");
        uris.put(ReportComposer.Section.AGREEMENTS, "/api/v1/agreements/statistics?programmeId=" + programmeId);
        uris.put(ReportComposer.Section.MEETINGS, "/api/v1/meetings/reports/programmes/" + programmeId);
        List<ReportComposer.Section> sections = new ArrayList<>(uris.keySet());
        List<Future<Answer>> answers = sections.stream().map(s -> ask(rc, uris.get(s))).toList();

        Future.join(new ArrayList<>(answers)).onComplete(done -> {
            Map<ReportComposer.Section, JsonNode> sources = new EnumMap<>(ReportComposer.Section.class);
            for (int i = 0; i < sections.size(); i++) {
                ReportComposer.Section section = sections.get(i);
                Answer answer = answers.get(i).result();
                if (section == ReportComposer.Section.APPLICATIONS && answer.status() == 404) {
                    // The programme is applicants-service's: unknown there means unknown.
                    ProblemResponses.send(rc.response(), Problem.of(404, "not-found", "Not Found",
                            "There is no programme " + programmeId + ".", path));
                    return;
                }
                if (answer.status() == 401 || answer.status() == 403) {
                    ProblemResponses.send(rc.response(), answer.status() == 401
                            ? ProblemResponses.unauthorized(path) : ProblemResponses.forbidden(path));
                    return;
                }
                JsonNode body = answer.status() == 200 ? parsed(answer.body()) : null;
                if (body == null) {
                    LOG.warnf("Programme report %s: %s left out (%s answered %s)", programmeId, section,
                            uris.get(section), answer.status() == 0 ? "nothing in time" : "HTTP " + answer.status());
                } else {
                    sources.put(section, body);
                }
            }
            ObjectNode report = ReportComposer.compose(programmeId, sources, Instant.now());
            try {
                rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(Buffer.buffer(JSON.writeValueAsBytes(report)));
            } catch (IOException e) {
                rc.fail(e);
            }
        });
    }

    /** Asks the upstream the routing table sends {@code uri} to; never fails (an unreachable one is NONE). */
    private Future<Answer> ask(RoutingContext rc, String uri) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        Optional<Upstream> upstream = RequestPath.segments(path, path).flatMap(table::resolve)
                .map(route -> table.upstreams().get(route.upstream()));
        if (upstream.isEmpty()) {
            return Future.succeededFuture(Answer.NONE);
        }
        long timeout = config.report().timeout().toMillis();
        Upstream.Endpoint replica = upstream.get().next();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(replica.host())
                .setPort(replica.port())
                .setSsl(upstream.get().ssl())
                .setURI(uri)
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout);
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

    /** The report's part of the merged API document (paths, schemas, tag), from {@code openapi/gateway-own.json}. */
    public static JsonNode openApi() {
        try (var in = ProgrammeReport.class.getClassLoader().getResourceAsStream("openapi/gateway-own.json")) {
            if (in == null) {
                throw new IOException("openapi/gateway-own.json is not on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the gateway's own API description", e);
        }
    }

    private static JsonNode parsed(Buffer body) {
        try {
            JsonNode node = JSON.readTree(body.getBytes());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
