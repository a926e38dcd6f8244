package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.mentoring.gateway.problem.ProblemResponses;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/me/export}: everything the services hold about the caller, as one JSON document to download
 * (see {@link ExportComposer}). Each service is asked for its own export with the caller's token
 * ({@link UpstreamReads}), so each decides from the token's subject what is the caller's; one that does not answer
 * in {@code gateway.report.timeout} is named in {@code unavailable} ({@code complete: false}) rather than failing
 * the export.
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
            ExportComposer.Section.SESSIONS, "/api/v1/meetings/me/export"));

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
        reads.getAll(rc, SOURCES).onSuccess(answers -> {
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
            UpstreamReads.send(rc, ExportComposer.compose(subject, parts, now));
        });
    }
}
