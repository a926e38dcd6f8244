package org.mentoring.platform.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Caller;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * This service's part of the access log, for the gateway to merge: {@code GET /api/v1/access-log/{service}?programme=}
 * for a programme's owners, {@code GET /api/v1/access-log/{service}/me} for the people read about. Pages go newest
 * first; {@code before} and {@code beforeId} are the {@code at} and {@code id} of the last entry of the previous page.
 * Not in the API document: the public reads are the gateway's {@code /api/v1/programmes/{id}/access-log} and the
 * export.
 */
@Path("/api/v1/access-log/{service}")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLogResource {

    private final AccessLog log;

    public AccessLogResource(AccessLog log) {
        this.log = log;
    }

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Operation(hidden = true)
    public Uni<List<AccessLog.Entry>> ofProgramme(@PathParam("service") String service, @QueryParam("programme") UUID programme,
                                                  @QueryParam("before") String before, @QueryParam("beforeId") UUID beforeId,
                                                  @QueryParam("limit") Integer limit) {
        checkService(service);
        if (programme == null) {
            throw ProblemException.invalidField("programme", "is required: the id of a programme you own");
        }
        return log.ofProgramme(programme, instant(before), beforeId, Cursor.limit(limit));
    }

    @GET
    @Path("/me")
    @RolesAllowed({Caller.PARTICIPANT, Caller.ADMIN})
    @Operation(hidden = true)
    public Uni<List<AccessLog.Entry>> aboutMe(@PathParam("service") String service, @QueryParam("before") String before,
                                              @QueryParam("beforeId") UUID beforeId, @QueryParam("limit") Integer limit) {
        checkService(service);
        return log.aboutCaller(instant(before), beforeId, Cursor.limit(limit));
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("before", "is not an instant such as 2026-01-31T12:00:00Z");
        }
    }

    private void checkService(String requested) {
        if (!log.service().equals(requested)) {
            throw ProblemException.notFound("Service", requested);
        }
    }
}
