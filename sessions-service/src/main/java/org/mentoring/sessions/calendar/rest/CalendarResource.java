package org.mentoring.sessions.calendar.rest;

import org.mentoring.sessions.config.SessionsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.platform.security.Caller;
import org.mentoring.sessions.calendar.service.CalendarService;

import java.net.URI;
import java.util.UUID;

@Path("/api/v1/meetings")
@Tag(name = "Calendar", description = "iCalendar files and a personal feed for calendar apps")
public class CalendarResource {

    public static final String TEXT_CALENDAR = "text/calendar";

    private final CalendarService calendar;
    private final Caller caller;
    private final String publicBaseUrl;

    public CalendarResource(CalendarService calendar, Caller caller,
                            SessionsConfig.Calendar config) {
        this.calendar = calendar;
        this.caller = caller;
        this.publicBaseUrl = config.publicBaseUrl().replaceAll("/+$", "");
    }

    public record FeedLink(String url, String token) {
    }

    @GET
    @Path("{id}/ics")
    @Produces(TEXT_CALENDAR)
    @RolesAllowed(Caller.PARTICIPANT)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "getMeetingCalendar", summary = "A meeting as an iCalendar file", description = "The pair only")
    @APIResponse(responseCode = "200", description = "The meeting as an iCalendar (RFC 5545) attachment",
            content = @Content(mediaType = TEXT_CALENDAR, schema = @Schema(type = SchemaType.STRING)))
    public Uni<Response> meeting(@PathParam("id") UUID id) {
        return calendar.meeting(caller.subject(), id).map(ics -> Response.ok(ics, TEXT_CALENDAR + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"meeting-" + id + ".ics\"").build());
    }

    @POST
    @Path("feed-token")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PARTICIPANT)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "issueCalendarFeed",
            summary = "Get a personal calendar feed link", description = "A new unguessable link to subscribe to from a calendar "
            + "app; earlier links stop working. Shown once: only a hash of the token is kept.")
    @APIResponse(responseCode = "201", description = "The feed link; Location is the feed (the url of the link)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedLink.class)),
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Uni<Response> issue() {
        return calendar.issue(caller.subject()).map(token -> {
            URI feed = UriBuilder.fromUri(publicBaseUrl).path("api/v1/meetings/feeds/{token}.ics").build(token);
            return Response.created(feed).entity(new FeedLink(feed.toString(), token)).build();
        });
    }

    @DELETE
    @Path("feed-token")
    @RolesAllowed(Caller.PARTICIPANT)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "revokeCalendarFeeds", summary = "Revoke my calendar feed links")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Response> revoke() {
        return calendar.revoke(caller.subject()).map(n -> Response.noContent().build());
    }

    @GET
    @Path("feeds/{token: [A-Za-z0-9_-]{20,100}}.ics")
    @Produces(TEXT_CALENDAR)
    @PermitAll
    @Operation(operationId = "getCalendarFeed",
            summary = "A personal calendar feed", description = "No JWT: the unguessable token in the link is the credential. "
            + "Meetings from 90 days ago on; cancelled ones marked CANCELLED.")
    @APIResponse(responseCode = "200", description = "The caller's meetings as an iCalendar (RFC 5545) feed",
            content = @Content(mediaType = TEXT_CALENDAR, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Unknown or revoked token")
    public Uni<Response> feed(@PathParam("token") String token) {
        return calendar.feed(token).map(ics -> Response.ok(ics, TEXT_CALENDAR + "; charset=utf-8")
                .header("Cache-Control", "private, no-store").build());
    }
}
