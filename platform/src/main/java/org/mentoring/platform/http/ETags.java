package org.mentoring.platform.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;

/**
 * Strong ETags derived from an entity's optimistic-lock version, and the {@code If-Match} rule of
 * API convention: a write that could race must name the version it read (428 without it, 412
 * when another write came first).
 */
public final class ETags {

    /** How a representation documents its {@code etag} property. */
    public static final String FIELD_DESCRIPTION = "This representation's entity tag, the same value as its ETag header: send it "
            + "as If-Match to change the object (it changes with every change of the object)";
    public static final String FIELD_EXAMPLE = "\"3\"";

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** A 200 answer with {@code entity} and the ETag of {@code version}. */
    public static Response ok(Object entity, long version) {
        return tagged(Response.ok(entity), version);
    }

    /** {@code answer} (a 200, a 201 with its Location...) with the ETag of {@code version}. */
    public static Response tagged(Response.ResponseBuilder answer, long version) {
        return answer.header(HttpHeaders.ETAG, of(version)).build();
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Send If-Match with the ETag you last read, so that you do not overwrite someone else's change.");
        }
        String expected = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(expected) || tag.equals("W/" + expected)) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The resource changed since you read it (current ETag " + expected + "): read it again and retry.");
    }
}
