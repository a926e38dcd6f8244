package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.gateway.problem.ProblemResponses;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/reports/programmes/{programmeId}}: one report of a programme for HR platforms and admins,
 * composed from the aggregates the services expose (see {@link ReportComposer}). The sources are asked in parallel
 * with the caller's token ({@link UpstreamReads}); one that does not answer in {@code gateway.report.timeout} is left
 * out and named in {@code unavailable} rather than failing the report.
 */
@ApplicationScoped
public class ProgrammeReport {

    public static final String PATH_TEMPLATE = "/api/v1/reports/programmes/{programmeId}";
    static final Set<String> ROLES = Set.of("program-admin", "hr-integration");

    private static final Logger LOG = Logger.getLogger(ProgrammeReport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamReads reads;

    /** Mounts the report on the main router; called before the proxy's catch-all {@code /api/*} route. */
    public void mount(Router router, UpstreamReads reads) {
        this.reads = reads;
        router.get("/api/v1/reports/programmes/:programmeId").handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String path = rc.request().path();
        if (reads.admit(rc, ROLES).isEmpty()) {
            return;
        }
        UUID programmeId;
        try {
            programmeId = UUID.fromString(rc.pathParam("programmeId"));
        } catch (IllegalArgumentException e) {
            ProblemResponses.send(rc.response(), Problem.of(ProblemType.BAD_REQUEST, "programmeId must be a UUID such as 3f1c5a4e-8d2b-4a8e-9c1f-2b7d6e5a4c3b.", path));
            return;
        }
        Map<ReportComposer.Section, String> uris = new EnumMap<>(ReportComposer.Section.class);
        uris.put(ReportComposer.Section.APPLICATIONS, "/api/v1/programmes/" + programmeId + "/statistics");
        uris.put(ReportComposer.Section.MATCHING, "/api/v1/programmes/" + programmeId + "/matching-statistics");
        uris.put(ReportComposer.Section.AGREEMENTS, "/api/v1/agreements/statistics?programmeId=" + programmeId);
        uris.put(ReportComposer.Section.MEETINGS, "/api/v1/meetings/reports/programmes/" + programmeId);

        reads.getAll(rc, uris).onSuccess(answers -> {
            if (answers.get(ReportComposer.Section.APPLICATIONS).status() == 404) {
                // The programme is applicants-service's: unknown there means unknown.
                ProblemResponses.send(rc.response(), Problem.of(ProblemType.NOT_FOUND, "There is no programme " + programmeId + ".", path));
                return;
            }
            if (UpstreamReads.refused(rc, answers.values())) {
                return;
            }
            Map<ReportComposer.Section, JsonNode> sources = new EnumMap<>(ReportComposer.Section.class);
            answers.forEach((section, answer) -> {
                JsonNode body = answer.object();
                if (body == null) {
                    LOG.warnf("Programme report %s: %s left out (%s answered %s)", programmeId, section,
                            uris.get(section), answer.describe());
                } else {
                    sources.put(section, body);
                }
            });
            UpstreamReads.send(rc, ReportComposer.compose(programmeId, sources, Instant.now()));
        });
    }

    /** What the gateway serves itself (report, export) in the merged API document, from {@code openapi/gateway-own.json}. */
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
}
