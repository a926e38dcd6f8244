package org.mentoring.platform.inbox;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Caller;

/**
 * Operators' view of a service's dead letters: {@code GET /api/v1/admin/{service}/dead-letters} lists them (with the
 * reason, the event id and where the record came from), {@code POST .../{topic}/{partition}/{offset}/replay} applies
 * one again through the same idempotent consumer. {@code service} is this service's short name (applicants,
 * matching, ...), so that the gateway can route each service's dead letters. Not part of the public API document.
 */
@Path("/api/v1/admin/{service}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final String service;

    public DeadLetterResource(DeadLetters deadLetters, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.deadLetters = deadLetters;
        this.service = application.endsWith("-service") ? application.substring(0, application.length() - "-service".length()) : application;
    }

    @GET
    @Operation(hidden = true)
    public Uni<Page<DeadLetters.DeadLetter>> list(@PathParam("service") String service,
                                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        checkService(service);
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalidField("limit", "must be between 1 and 1000");
        }
        return deadLetters.list(limit).map(items -> new Page<>(items, null));
    }

    @GET
    @Path("/{topic}/{partition}/{offset}")
    @Operation(hidden = true)
    public Uni<DeadLetters.DeadLetter> get(@PathParam("service") String service, @PathParam("topic") String topic,
                                           @PathParam("partition") int partition, @PathParam("offset") long offset) {
        checkService(service);
        return deadLetters.get(topic, partition, offset);
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/replay")
    @Operation(hidden = true)
    public Uni<DeadLetters.DeadLetter> replay(@PathParam("service") String service, @PathParam("topic") String topic,
                                              @PathParam("partition") int partition, @PathParam("offset") long offset) {
        checkService(service);
        return deadLetters.replay(topic, partition, offset);
    }

    private void checkService(String requested) {
        if (!service.equals(requested)) {
            throw ProblemException.notFound("Service", requested);
        }
    }
}
