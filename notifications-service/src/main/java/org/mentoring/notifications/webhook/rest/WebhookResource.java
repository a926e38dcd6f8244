package org.mentoring.notifications.webhook.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.notifications.webhook.service.Deliveries;
import org.mentoring.notifications.webhook.service.Subscriptions;
import org.mentoring.notifications.webhook.service.TargetGuard;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Caller;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "The platform's events POSTed to an HR platform's HTTPS endpoint, signed as Standard Webhooks")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Caller.HR_INTEGRATION, Caller.PLATFORM_ADMIN})
public class WebhookResource {

    static final int MAX_DESCRIPTION = 500;
    private static final Set<String> CHANGEABLE = Set.of("url", "eventTypes", "programmeId", "enabled", "description");

    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final TargetGuard guard;
    private final Caller caller;

    public WebhookResource(Subscriptions subscriptions, Deliveries deliveries, TargetGuard guard, Caller caller) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.guard = guard;
        this.caller = caller;
    }

    @Schema(name = "WebhookCreate")
    public record CreateRequest(
            @NotNull @Schema(description = "https URL of a public host", example = "https://hr.example.com/hooks/mentoring") String url,
            @NotNull @Schema(description = "CloudEvents types: exact (mentoring.agreement.activated.v1), a prefix (mentoring.agreement.*) or *")
            List<String> eventTypes,
            @Schema(description = "Only events of this programme (those whose data has programmeId)") UUID programmeId,
            @Schema(description = "Default true") Boolean enabled,
            @Size(max = MAX_DESCRIPTION) String description) {
    }

    @Schema(name = "WebhookChange", description = "Fields to change; absent fields stay. programmeId null removes the filter. "
            + "enabled true re-enables a disabled subscription (deliveries given up meanwhile can be sent again with .../redeliver?since=)")
    public record ChangeRequest(String url, List<String> eventTypes, UUID programmeId, Boolean enabled, String description) {
    }

    @Schema(name = "WebhookSecret")
    public record SecretView(@Schema(description = "The new signing secret, shown this once") String secret,
                             @Schema(description = "Until when the previous secret signs too (a second signature)") Instant previousSecretExpiresAt) {
    }

    @Schema(name = "WebhookDeliveryPage", description = "One page of deliveries; nextCursor is null on the last page")
    public record DeliveryPage(List<DeliveryView> items,
                               @Schema(description = "Pass it as cursor to read the next page; null on the last page", nullable = true)
                               String nextCursor) {
    }

    @Schema(name = "WebhookRedeliveries")
    public record Redeliveries(@Schema(description = "How many deliveries were queued again") int count) {
    }

    private Subscriptions.Asker asker() {
        return new Subscriptions.Asker(caller.subject(), caller.isPlatformAdmin());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook",
            summary = "Subscribe", description = "Creates a subscription owned by the caller (its token subject). The signing secret "
            + "is generated here and shown in this answer only. The URL must be https and resolve to public addresses only.")
    @APIResponse(responseCode = "201", description = "Created, with its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)),
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "400", description = "Invalid URL (not https, malformed), unknown event type, invalid field")
    @APIResponse(responseCode = "422", description = "The URL's host is not a public address")
    public Uni<Response> create(@NotNull @Valid CreateRequest r, @Context UriInfo uriInfo) {
        List<String> types = Subscriptions.eventTypes(r.eventTypes());
        Subscriptions.Asker asker = asker();
        return guard.check(r.url())
                .chain(uri -> subscriptions.create(asker, new Subscriptions.Spec(uri.toString(), types, r.programmeId(), false,
                        r.enabled(), blankToNull(r.description()))))
                .map(s -> Response.created(uriInfo.getAbsolutePathBuilder().path(s.id.toString()).build())
                        .entity(WebhookView.withSecret(s)).build());
    }

    @GET
    @Operation(operationId = "listWebhooks",
            summary = "List subscriptions", description = "The caller's subscriptions (a platform admin's: everyone's), oldest first")
    public Uni<Page<WebhookView>> list(@Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
                                       @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        return subscriptions.page(asker(), Cursor.decode(cursor), size)
                .map(rows -> Page.of(rows, size, s -> new Cursor(s.createdAt, s.id), WebhookView::of));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Get a subscription", description = "Without its secret")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public Uni<WebhookView> get(@PathParam("id") UUID id) {
        return subscriptions.get(asker(), id).map(WebhookView::of);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RequestBody(content = @Content(schema = @Schema(implementation = ChangeRequest.class)))
    @Operation(operationId = "updateWebhook",
            summary = "Change a subscription", description = "Only the fields sent change (JSON merge patch)")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    @APIResponse(responseCode = "422", description = "The URL's host is not a public address")
    public Uni<WebhookView> change(@PathParam("id") UUID id, @NotNull ObjectNode body) {
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!CHANGEABLE.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw ProblemException.invalidField(unknown.get(0), "cannot be changed; the fields are " + CHANGEABLE);
        }
        String url = text(body, "url");
        if (body.has("url") && url == null) {
            throw ProblemException.invalidField("url", "is required");
        }
        List<String> types = null;
        if (body.has("eventTypes")) {
            JsonNode node = body.get("eventTypes");
            if (node == null || !node.isArray()) {
                throw ProblemException.invalidField("eventTypes", "must be an array of event types");
            }
            List<String> patterns = new ArrayList<>();
            node.forEach(n -> {
                if (!n.isTextual()) {
                    throw ProblemException.invalidField("eventTypes", "must be an array of event types");
                }
                patterns.add(n.asText());
            });
            types = Subscriptions.eventTypes(patterns);
        }
        boolean clearProgramme = body.has("programmeId") && body.get("programmeId").isNull();
        UUID programme = null;
        if (body.has("programmeId") && !clearProgramme) {
            try {
                programme = UUID.fromString(text(body, "programmeId"));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("programmeId", "must be a UUID or null");
            }
        }
        Boolean enabled = null;
        if (body.has("enabled")) {
            if (!body.get("enabled").isBoolean()) {
                throw ProblemException.invalidField("enabled", "must be true or false");
            }
            enabled = body.get("enabled").booleanValue();
        }
        String description = body.has("description") ? (body.get("description").isNull() ? "" : text(body, "description")) : null;
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ProblemException.invalidField("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        Subscriptions.Asker asker = asker();
        Uni<URI> target = url == null ? Uni.createFrom().nullItem() : guard.check(url);
        List<String> finalTypes = types;
        UUID finalProgramme = programme;
        Boolean finalEnabled = enabled;
        return target.chain(uri -> subscriptions.change(asker, id, new Subscriptions.Spec(uri == null ? null : uri.toString(), finalTypes,
                finalProgramme, clearProgramme, finalEnabled, description))).map(WebhookView::of);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhook",
            summary = "Delete a subscription", description = "With its delivery log; nothing more is sent")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return subscriptions.delete(asker(), id).map(v -> Response.noContent().build());
    }

    @POST
    @Path("{id}/secret/rotate")
    @Operation(operationId = "rotateWebhookSecret",
            summary = "Rotate the signing secret", description = "A new secret, shown this once; the previous one keeps signing "
            + "(a second v1 signature in webhook-signature) until previousSecretExpiresAt, so receivers can switch without losing a delivery")
    @APIResponse(responseCode = "200", description = "The new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SecretView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public Uni<SecretView> rotate(@PathParam("id") UUID id) {
        return subscriptions.rotate(asker(), id).map(s -> new SecretView(s.secret, s.previousSecretExpiresAt));
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries",
            summary = "Delivery log", description = "The subscription's deliveries, newest first, each with its attempts")
    @APIResponse(responseCode = "200", description = "One page of the log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryPage.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public Uni<Page<DeliveryView>> deliveries(@PathParam("id") UUID id,
                                              @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") Integer limit,
                                              @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Cursor.limit(limit);
        return deliveries.page(asker(), id, Cursor.decode(cursor), size)
                .map(rows -> Page.of(rows, size, l -> new Cursor(l.delivery().createdAt, l.delivery().id), DeliveryView::of));
    }

    @POST
    @Path("{id}/ping")
    @Operation(operationId = "pingWebhook",
            summary = "Send a test event", description = "Queues a mentoring.webhook.ping.v1 event for this subscription, whatever "
            + "event types it asked for; follow it in the delivery log")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public Uni<Response> ping(@PathParam("id") UUID id) {
        return deliveries.ping(asker(), id).map(l -> Response.accepted(DeliveryView.of(l)).build());
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhookDelivery",
            summary = "Send a delivery again", description = "A new round of attempts, starting now, with the same webhook-id")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of the caller, or no such delivery of it")
    @APIResponse(responseCode = "409", description = "The delivery's body was erased with a person's data")
    public Uni<Response> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return deliveries.redeliver(asker(), id, deliveryId)
                .map(d -> Response.accepted(DeliveryView.of(new Deliveries.Logged(d, List.of()))).build());
    }

    @POST
    @Path("{id}/redeliver")
    @Operation(operationId = "redeliverWebhookDeliveries",
            summary = "Send failed deliveries again", description = "Every delivery created at or after since that was given up "
            + "(FAILED) is queued again, for instance after the target was fixed and the subscription re-enabled")
    @APIResponse(responseCode = "202", description = "How many were queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Redeliveries.class)))
    @APIResponse(responseCode = "400", description = "since missing or not an instant")
    @APIResponse(responseCode = "404", description = "No such subscription of the caller")
    public Uni<Response> redeliverSince(@PathParam("id") UUID id,
                                        @Parameter(description = "An instant, such as 2026-12-01T00:00:00Z", required = true)
                                        @QueryParam("since") String since) {
        if (since == null || since.isBlank()) {
            throw ProblemException.invalidField("since", "is required (an instant such as 2026-12-01T00:00:00Z)");
        }
        Instant from;
        try {
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("since", "must be an instant such as 2026-12-01T00:00:00Z");
        }
        return deliveries.redeliverFailedSince(asker(), id, from).map(n -> Response.accepted(new Redeliveries(n)).build());
    }

    private static String text(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.invalidField(field, "must be a string");
        }
        return node.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
