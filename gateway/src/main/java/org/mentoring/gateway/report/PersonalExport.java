package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.mentoring.gateway.problem.ProblemResponses;

import io.vertx.core.Future;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/me/export}: everything the services hold about the caller, as one JSON document to download
 * (see {@link ExportComposer}). Each service is asked for its own export with the caller's token
 * ({@link UpstreamReads}), so each decides from the token's subject what is the caller's; one that does not answer
 * in {@code gateway.report.timeout} is named in {@code unavailable} ({@code complete: false}) rather than failing
 * the export. The export ends with the access log: every read of the caller's data by a programme's team or an HR
 * system that any service recorded, newest first.
 */
@ApplicationScoped
public class PersonalExport {

    public static final String PATH = "/api/v1/me/export";
    static final Set<String> ROLES = Set.of("participant", "program-admin");

    private static final Logger LOG = Logger.getLogger(PersonalExport.class);
    /** Each service's export of the caller's data; applicants-service's has the path that the gateway answers itself. */
    private static final Map<ExportComposer.Section, String> SOURCES = new EnumMap<>(Map.of(
            ExportComposer.Section.APPLICANTS, PATH,
            ExportComposer.Section.MATCHING, "/api/v1/proposals/me/export",
            ExportComposer.Section.AGREEMENTS, "/api/v1/agreements/me/export",
            ExportComposer.Section.SESSIONS, "/api/v1/meetings/me/export",
            ExportComposer.Section.NOTIFICATIONS, "/api/v1/notifications/me/export"));

    /** Entries asked for at a time, and the most pages read from one service (then its part is named unavailable). */
    static final int ACCESS_LOG_PAGE = 200;
    static final int MAX_ACCESS_LOG_PAGES = 50;

    private UpstreamReads reads;

    /** Mounts the export on the main router; called before the proxy's catch-all {@code /api/*} route. */
    public void mount(Router router, UpstreamReads reads) {
        this.reads = reads;
        router.get(PATH).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        Optional<SecurityIdentity> caller = reads.admit(rc, ROLES);
        if (caller.isEmpty()) {
            return;
        }
        String subject = caller.get().getPrincipal() instanceof JsonWebToken token ? token.getSubject() : null;
        if (subject == null || subject.isBlank()) {
            ProblemResponses.send(rc.response(), ProblemResponses.unauthorized(rc.request().path()));
            return;
        }
        reads.getAll(rc, SOURCES).onSuccess(answers -> accessLog(rc).onSuccess(accessLog -> {
            if (UpstreamReads.refused(rc, answers.values())) {
                return;
            }
            Map<ExportComposer.Section, JsonNode> parts = new EnumMap<>(ExportComposer.Section.class);
            answers.forEach((section, answer) -> {
                JsonNode part = answer.object();
                if (part == null) {
                    // never the subject: the log says which part is missing, not whose
                    LOG.warnf("Export: %s left out (%s answered %s)", section, SOURCES.get(section), answer.describe());
                } else {
                    parts.put(section, part);
                }
            });
            Instant now = Instant.now();
            rc.response().putHeader("Content-Disposition",
                    "attachment; filename=\"mentoring-export-" + now.atZone(ZoneOffset.UTC).toLocalDate() + ".json\"");
            UpstreamReads.send(rc, ExportComposer.compose(subject, parts, accessLog, now));
        }));
    }

    /**
     * Every service's reads of the caller's data, all pages of each: a service that fails on the way is null (named
     * unavailable), as is one holding more than {@value #MAX_ACCESS_LOG_PAGES} pages.
     */
    private Future<Map<String, List<JsonNode>>> accessLog(RoutingContext rc) {
        Map<String, List<JsonNode>> result = new LinkedHashMap<>();
        List<Future<Void>> each = new ArrayList<>();
        for (String service : AccessLogMerge.SERVICES) {
            List<JsonNode> entries = new ArrayList<>();
            each.add(accessLogPages(rc, service, null, entries, 0).map(complete -> {
                synchronized (result) {
                    result.put(service, complete ? entries : null);
                }
                return null;
            }));
        }
        return Future.join(new ArrayList<>(each)).transform(done -> {
            Map<String, List<JsonNode>> ordered = new LinkedHashMap<>();
            AccessLogMerge.SERVICES.forEach(service -> ordered.put(service, result.get(service)));
            return Future.succeededFuture(ordered);
        });
    }

    private Future<Boolean> accessLogPages(RoutingContext rc, String service, AccessLogMerge.Position after,
                                           List<JsonNode> entries, int pages) {
        String uri = "/api/v1/access-log/" + service + "/me?limit=" + ACCESS_LOG_PAGE + (after == null ? "" : "&" + after.query());
        return reads.getAll(rc, Map.of(service, uri)).compose(answers -> {
            UpstreamReads.Answer answer = answers.get(service);
            JsonNode page = answer.array();
            if (page == null) {
                LOG.warnf("Export: access log of %s left out (answered %s)", service, answer.describe());
                return Future.succeededFuture(false);
            }
            page.forEach(entries::add);
            if (page.size() < ACCESS_LOG_PAGE) {
                return Future.succeededFuture(true);
            }
            if (pages + 1 >= MAX_ACCESS_LOG_PAGES) {
                LOG.warnf("Export: access log of %s cut after %d entries", service, entries.size());
                return Future.succeededFuture(false);
            }
            AccessLogMerge.Position last = AccessLogMerge.Position.of(page.get(page.size() - 1));
            return last == null ? Future.succeededFuture(false) : accessLogPages(rc, service, last, entries, pages + 1);
        });
    }
}
