package org.mentoring.sessions.survey.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.security.Caller;
import org.mentoring.sessions.survey.model.Survey;
import org.mentoring.sessions.survey.service.SurveyService;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/meetings/agreements/{agreementId}/surveys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Surveys", description = "Pulse survey about a month in, exit survey at the end")
@SecurityRequirement(name = "jwt")
public class SurveyResource {

    private final SurveyService surveys;
    private final IdempotencyKeys idempotency;
    private final Caller caller;

    public SurveyResource(SurveyService surveys, IdempotencyKeys idempotency, Caller caller) {
        this.surveys = surveys;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    @Schema(name = "SurveyAnswers")
    public record SurveyRequest(@NotNull Survey.Kind kind, @NotNull @Min(1) @Max(5) Integer rating,
                                @Schema(description = "Exit survey: required") Boolean wouldRecommend,
                                @Schema(description = "Exit survey: required") Survey.EndReason endReason,
                                @Size(max = 2000) String comment, Boolean shareWithPair) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "submitSurvey",
            summary = "Answer the pulse or exit survey", description = "PULSE: from 28 days after the start while ACTIVE; "
            + "EXIT: once the agreement ended. Once per person and kind.")
    @APIResponse(responseCode = "201", description = "Stored; Location is the surveys of the agreement",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyService.SurveyView.class)),
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "409", description = "Not open yet, or already answered; type not-yet-consistent, with "
            + "Retry-After: after a short wait the agreement is still not ACTIVE (pulse) or not ended (exit) here, an event "
            + "that may still be on its way, so the same request may be sent again")
    public Uni<Response> submit(@PathParam("agreementId") UUID agreementId, @NotNull @Valid SurveyRequest r,
                                @HeaderParam(IdempotencyKeys.HEADER) String key, @Context UriInfo uriInfo) {
        return idempotency.once("surveys.submit", key, r)
                .work(() -> surveys.submit(caller.subject(), agreementId, new SurveyService.Answers(r.kind(), r.rating(), r.wouldRecommend(),
                        r.endReason(), r.comment(), Boolean.TRUE.equals(r.shareWithPair()))))
                .answer(s -> Response.created(uriInfo.getAbsolutePathBuilder().build()).entity(s).build());
    }

    @GET
    @RolesAllowed(Caller.PARTICIPANT)
    @Operation(operationId = "listSurveys",
            summary = "Read the surveys of my agreement", description = "Your own answers; the partner's comment only when shared")
    public Uni<List<SurveyService.SurveyView>> list(@PathParam("agreementId") UUID agreementId) {
        return surveys.list(caller.subject(), agreementId);
    }
}
