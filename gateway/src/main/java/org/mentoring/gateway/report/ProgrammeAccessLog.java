package org.mentoring.gateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.gateway.problem.ProblemResponses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/programmes/{programmeId}/access-log}: who of the team and which HR systems read which
 * participant's data, when, and why, newest first, for the programme's owners. Each service keeps its own part
 * ({@code /api/v1/access-log/{service}?programme=}); the gateway asks all of them for a page at once, with the
 * caller's token (each checks that the caller owns the programme), and merges them ({@link AccessLogMerge}). A part
 * that does not come is named in {@code unavailable} ({@code complete: false}).
 */
@ApplicationScoped
public class ProgrammeAccessLog {

    static final Set<String> ROLES = Set.of("program-admin");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private static final Logger LOG = Logger.getLogger(ProgrammeAccessLog.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private UpstreamReads reads;

    /** Mounts the log on the main router; called before the proxy's catch-all {@code /api/*} route. */
    public void mount(Router router, UpstreamReads reads) {
        this.reads = reads;
        router.get("/api/v1/programmes/:programmeId/access-log").handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String path = rc.request().path();
        if (reads.admit(rc, ROLES).isEmpty()) {
            return;
        }
        UUID programmeId;
        int limit;
        AccessLogMerge.Position after;
        try {
            programmeId = UUID.fromString(rc.pathParam("programmeId"));
        } catch (IllegalArgumentException e) {
            badRequest(rc, "programmeId must be a UUID such as 3f1c5a4e-8d2b-4a8e-9c1f-2b7d6e5a4c3b.");
            return;
        }
        try {
            String raw = rc.request().getParam("limit");
            limit = raw == null ? DEFAULT_LIMIT : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            badRequest(rc, "limit must be a number from 1 to " + MAX_LIMIT + ".");
            return;
        }
        try {
            after = AccessLogMerge.Position.decode(rc.request().getParam("cursor"));
        } catch (IllegalArgumentException e) {
            badRequest(rc, "cursor must be the nextCursor of a previous page of this log.");
            return;
        }
        Map<String, String> uris = new LinkedHashMap<>();
        for (String service : AccessLogMerge.SERVICES) {
            uris.put(service, "/api/v1/access-log/" + service + "?programme=" + programmeId + "&limit=" + limit
                    + (after == null ? "" : "&" + after.query()));
        }
        int size = limit;
        reads.getAll(rc, uris).onSuccess(answers -> {
            if (answers.get("applicants").status() == 404) {
                // applicants-service owns programmes and their teams: not an owner there means not an owner
                ProblemResponses.send(rc.response(), Problem.of(ProblemType.NOT_FOUND, "Programme " + programmeId + " does not exist or you are not one of its owners.", path));
                return;
            }
            if (UpstreamReads.refused(rc, answers.values())) {
                return;
            }
            List<JsonNode> parts = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            answers.forEach((service, answer) -> {
                JsonNode part = answer.array();
                if (part == null) {
                    LOG.warnf("Access log of programme %s: %s left out (answered %s)", programmeId, service, answer.describe());
                    unavailable.add(service);
                } else {
                    parts.add(part);
                }
            });
            AccessLogMerge.MergedPage page = AccessLogMerge.page(parts, size);
            ObjectNode body = NODES.objectNode();
            body.put("programmeId", programmeId.toString());
            page.items().forEach(body.putArray("items")::add);
            if (page.next() != null) {
                body.put("nextCursor", page.next().encode());
            }
            body.put("complete", unavailable.isEmpty());
            unavailable.forEach(body.putArray("unavailable")::add);
            UpstreamReads.send(rc, body);
        });
    }

    private static void badRequest(RoutingContext rc, String detail) {
        ProblemResponses.send(rc.response(), Problem.of(ProblemType.BAD_REQUEST, detail, rc.request().path()));
    }
}
