package org.mentoring.applicants.directory.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mentoring.applicants.directory.service.DirectoryException;
import org.mentoring.applicants.directory.service.DirectoryService;
import org.mentoring.applicants.directory.service.PersonQuery;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.openapi.HeaderDocs;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Caller;

import java.net.URI;
import java.util.UUID;

/**
 * SCIM 2.0 (RFC 7643, RFC 7644) for the HRIS: {@code /scim/v2/Users} with the enterprise extension and
 * the matching extension, and the discovery endpoints. For the hr-integration role only. Bodies are
 * {@code application/scim+json} ({@code application/json} is accepted too); every error, including
 * authentication and malformed JSON, uses the SCIM error schema.
 */
@Path("/scim/v2")
@RolesAllowed(Caller.HR_INTEGRATION)
@Produces({ScimResource.SCIM_JSON, MediaType.APPLICATION_JSON})
@Tag(name = "SCIM", description = "SCIM 2.0 provisioning of the people directory by the HRIS (hr-integration role)")
@SecurityRequirement(name = "jwt")
public class ScimResource {

    static final String SCIM_JSON = Scim.MEDIA_TYPE;
    private static final int DEFAULT_COUNT = 100;

    private static final String USER_EXAMPLE = """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                         "urn:mentoring:scim:schemas:extension:matching:1.0:User"],
             "userName": "ada.lovelace@example.org", "externalId": "E-1042",
             "name": {"givenName": "Ada", "familyName": "Lovelace"}, "displayName": "Ada Lovelace",
             "emails": [{"value": "ada.lovelace@example.org", "type": "work", "primary": true}],
             "title": "Doctoral researcher", "active": true,
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
               "employeeNumber": "1042", "organization": "Institute of Computing", "department": "Data Lab",
               "manager": {"value": "2819c223-7f76-453a-919d-413861904646"}},
             "urn:mentoring:scim:schemas:extension:matching:1.0:User": {
               "location": {"city": "Berlin", "region": "Berlin", "country": "DE", "latitude": 52.52, "longitude": 13.405},
               "languages": ["en", "de"]}}""";

    private static final String PATCH_EXAMPLE = """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [
               {"op": "replace", "path": "title", "value": "Postdoc"},
               {"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "ada@example.org"},
               {"op": "add", "path": "urn:mentoring:scim:schemas:extension:matching:1.0:User:languages", "value": ["fr"]},
               {"op": "replace", "value": {"active": false}}]}""";

    private static final String SEARCH_EXAMPLE = """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
             "filter": "userName eq \\"ada.lovelace\\"", "startIndex": 1, "count": 50}""";

    private static final String ERROR_EXAMPLE = """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "400", "scimType": "invalidValue",
             "detail": "Invalid attribute values: emails[0].value is ada(at)example.org, which is not an email address."}""";

    private final DirectoryService directory;

    public ScimResource(DirectoryService directory) {
        this.directory = directory;
    }

    // ---------------------------------------------------------------- Users

    @POST
    @Path("Users")
    @Consumes({SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "createScimUser",
            summary = "Create a User", description = "userName is required and unique regardless of case; externalId is "
            + "unique when present. The manager (enterprise extension manager.value) must be a User here. Answers 201 with "
            + "Location and ETag (= meta.version).")
    @RequestBody(content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name the new User, the body is the User",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)),
            headers = {@Header(name = HttpHeaders.LOCATION, description = HeaderDocs.LOCATION, schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "invalidSyntax or invalidValue, naming the attribute",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "error", value = ERROR_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "uniqueness: userName or externalId taken")
    public Uni<Response> create(String body, @Context UriInfo uri) {
        return Uni.createFrom().item(() -> ScimUserCodec.fromJson(Scim.read(body)))
                .chain(directory::create)
                .map(view -> {
                    ObjectNode user = ScimUserCodec.toJson(view, base(uri));
                    return Response.created(URI.create(user.at("/meta/location").asText()))
                            .header(HttpHeaders.ETAG, ETags.of(view.person().version))
                            .type(SCIM_JSON).entity(Scim.write(user)).build();
                });
    }

    @GET
    @Path("Users/{id}")
    @Operation(operationId = "getScimUser",
            summary = "Read a User", description = "Deactivated users stay readable with active false.")
    @APIResponse(responseCode = "200", description = "The User, with its ETag",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such User")
    public Uni<Response> get(@PathParam("id") String id, @Context UriInfo uri) {
        return directory.get(parseId(id)).map(view -> user(view, uri, Response.ok()));
    }

    @GET
    @Path("Users")
    @Operation(operationId = "listScimUsers",
            summary = "List Users", description = "filter per RFC 7644 section 3.4.2.2 (e.g. userName eq \"ada\", "
            + "externalId eq \"E-1\" and active eq true); paging by startIndex (1-based) and count (at most 200). "
            + "Ordered by creation. Answers a ListResponse. A filter has at most " + ScimFilter.MAX_LENGTH + " characters, "
            + ScimFilter.MAX_DEPTH + " levels of nesting (parentheses, not, [...]) and " + ScimFilter.MAX_COMPARISONS
            + " comparisons.")
    @APIResponse(responseCode = "200", description = "ListResponse with totalResults, itemsPerPage, startIndex, Resources",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "invalidFilter, also for a filter beyond those bounds")
    public Uni<Response> list(
            @Parameter(description = "SCIM filter, e.g. userName eq \"ada.lovelace@example.org\"") @QueryParam("filter") String filter,
            @Parameter(description = "1-based index of the first result (default 1)") @QueryParam("startIndex") String startIndex,
            @Parameter(description = "Page size, 0 to 200 (default 100)") @QueryParam("count") String count,
            @Context UriInfo uri) {
        return search(filter, startIndex, count, uri);
    }

    @POST
    @Path("Users/.search")
    @Consumes({SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "searchScimUsers",
            summary = "Search Users (POST)", description = "The same as GET /Users, with a SearchRequest body "
            + "{schemas: [urn:ietf:params:scim:api:messages:2.0:SearchRequest], filter, startIndex, count}.")
    @APIResponse(responseCode = "200", description = "ListResponse with totalResults, itemsPerPage, startIndex, Resources",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @RequestBody(content = {@Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "search", value = SEARCH_EXAMPLE)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "search", value = SEARCH_EXAMPLE))})
    public Uni<Response> searchPost(String body, @Context UriInfo uri) {
        return Uni.createFrom().item(() -> Scim.read(body)).chain(request -> {
            if (!request.isObject()) {
                throw ScimException.invalidSyntax("The body must be a SearchRequest object.");
            }
            JsonNode filter = ScimPatch.field(request, "filter");
            JsonNode startIndex = ScimPatch.field(request, "startIndex");
            JsonNode count = ScimPatch.field(request, "count");
            return search(filter == null || filter.isNull() ? null : filter.asText(),
                    startIndex == null || startIndex.isNull() ? null : startIndex.asText(),
                    count == null || count.isNull() ? null : count.asText(), uri);
        });
    }

    @PUT
    @Path("Users/{id}")
    @Consumes({SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "replaceScimUser",
            summary = "Replace a User", description = "Replaces every attribute a client may set; attributes left out "
            + "are cleared (active defaults to true). Read-only attributes (id, meta, manager.displayName) are ignored. "
            + "If-Match is optional; when sent it must match the current ETag.")
    @RequestBody(content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The replaced User, with its new ETag",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Uni<Response> replace(@PathParam("id") String id,
                                 @Parameter(description = HeaderDocs.IF_MATCH_OPTIONAL) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 String body, @Context UriInfo uri) {
        UUID personId = parseId(id);
        return Uni.createFrom().item(() -> ScimUserCodec.fromJson(Scim.read(body)))
                .chain(data -> directory.update(personId, ifMatch, current -> data))
                .map(view -> user(view, uri, Response.ok()));
    }

    @PATCH
    @Path("Users/{id}")
    @Consumes({SCIM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "patchScimUser",
            summary = "Patch a User", description = "A PatchOp with add, replace and remove operations, with or without "
            + "path (core attributes, name.*, emails with value filters, enterprise and matching extension attributes with "
            + "their URN). All operations apply, or none. If-Match is optional; when sent it must match the current ETag.")
    @RequestBody(content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "patch", value = PATCH_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The patched User, with its new ETag",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)),
            headers = @Header(name = HttpHeaders.ETAG, description = HeaderDocs.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "invalidSyntax, invalidPath, invalidValue, noTarget or mutability")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Uni<Response> patch(@PathParam("id") String id,
                               @Parameter(description = HeaderDocs.IF_MATCH_OPTIONAL) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               String body, @Context UriInfo uri) {
        UUID personId = parseId(id);
        String base = base(uri);
        return Uni.createFrom().item(() -> Scim.read(body))
                .chain(patch -> directory.update(personId, ifMatch, current ->
                        ScimPatch.apply(ScimUserCodec.toJson(new DirectoryService.PersonView(current, null), base), patch)))
                .map(view -> user(view, uri, Response.ok()));
    }

    @DELETE
    @Path("Users/{id}")
    @Operation(operationId = "deactivateScimUser",
            summary = "Deactivate a User", description = "Sets active to false; the person stays (readable, with "
            + "active false) for history, and mentoring.directory.person-deactivated.v1 is published.")
    @APIResponse(responseCode = "204", description = "Deactivated")
    @APIResponse(responseCode = "404", description = "No such User")
    public Uni<Response> delete(@PathParam("id") String id,
                                @Parameter(description = HeaderDocs.IF_MATCH_OPTIONAL) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return directory.deactivate(parseId(id), ifMatch).map(ignored -> Response.noContent().build());
    }

    // ---------------------------------------------------------------- discovery

    @GET
    @Path("ServiceProviderConfig")
    @Operation(operationId = "getScimServiceProviderConfig", summary = "SCIM service provider configuration")
    @APIResponse(responseCode = "200", description = "The configuration: patch, filter and ETags supported; no bulk, sort or password change",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response serviceProviderConfig(@Context UriInfo uri) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode config = f.objectNode();
        config.putArray("schemas").add(Scim.SERVICE_PROVIDER_CONFIG);
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        config.putObject("filter").put("supported", true).put("maxResults", Scim.MAX_RESULTS);
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", false);
        config.putObject("etag").put("supported", true);
        config.putArray("authenticationSchemes").addObject()
                .put("type", "oauthbearertoken")
                .put("name", "OAuth Bearer Token")
                .put("description", "An access token of the Keycloak realm mentoring (client credentials) with the hr-integration role")
                .put("primary", true);
        config.putObject("meta").put("resourceType", "ServiceProviderConfig").put("location", base(uri) + "/ServiceProviderConfig");
        return scim(Response.ok(), config);
    }

    @GET
    @Path("Schemas")
    @Operation(operationId = "listScimSchemas", summary = "The User schemas: core, enterprise extension, matching extension")
    @APIResponse(responseCode = "200", description = "ListResponse of the three Schema resources",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response schemas(@Context UriInfo uri) {
        ArrayNode resources = JsonNodeFactory.instance.arrayNode();
        Scim.USER_SCHEMAS.forEach(s -> resources.add(ScimAttributes.schemaResource(s, base(uri))));
        return scim(Response.ok(), listResponse(resources.size(), 1, resources));
    }

    @GET
    @Path("Schemas/{id}")
    @Operation(operationId = "getScimSchema", summary = "One schema by its URN")
    @APIResponse(responseCode = "200", description = "The Schema resource",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", description = "No such schema here")
    public Response schema(@PathParam("id") String id, @Context UriInfo uri) {
        String schema = Scim.userSchema(id).orElseThrow(() -> new ScimException(404, null, "No schema " + id + " here."));
        return scim(Response.ok(), ScimAttributes.schemaResource(schema, base(uri)));
    }

    @GET
    @Path("ResourceTypes")
    @Operation(operationId = "listScimTypes", summary = "The resource types: User")
    @APIResponse(responseCode = "200", description = "ListResponse of the User ResourceType",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response resourceTypes(@Context UriInfo uri) {
        ArrayNode resources = JsonNodeFactory.instance.arrayNode().add(userResourceType(base(uri)));
        return scim(Response.ok(), listResponse(1, 1, resources));
    }

    @GET
    @Path("ResourceTypes/{id}")
    @Operation(operationId = "getScimType", summary = "One resource type")
    @APIResponse(responseCode = "200", description = "The User ResourceType",
            content = @Content(mediaType = SCIM_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "404", description = "No such resource type (there is User)")
    public Response resourceType(@PathParam("id") String id, @Context UriInfo uri) {
        if (!id.equals("User")) {
            throw new ScimException(404, null, "No resource type " + id + " here; there is User.");
        }
        return scim(Response.ok(), userResourceType(base(uri)));
    }

    // ---------------------------------------------------------------- errors: SCIM's own schema on /scim/v2

    @ServerExceptionMapper
    public Response scimError(ScimException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response directoryError(DirectoryException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response problemError(ProblemException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response compositeError(CompositeException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response validationError(ValidationException e) {
        return ScimErrors.error(400, ScimErrors.INVALID_VALUE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response mismatchedInputError(MismatchedInputException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response jsonError(JsonProcessingException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response unauthorizedError(UnauthorizedException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response authenticationError(AuthenticationFailedException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response forbiddenError(ForbiddenException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response webApplicationError(WebApplicationException e) {
        return ScimErrors.toResponse(e);
    }

    @ServerExceptionMapper
    public Response anyError(Throwable e) {
        return ScimErrors.toResponse(e);
    }

    // ---------------------------------------------------------------- helpers

    private Uni<Response> search(String filter, String startIndexParam, String countParam, UriInfo uri) {
        int startIndex = Math.max(1, integer("startIndex", startIndexParam, 1));
        int count = Math.min(Scim.MAX_RESULTS, Math.max(0, integer("count", countParam, DEFAULT_COUNT)));
        PersonQuery query = filter == null || filter.isBlank() ? PersonQuery.ALL : ScimFilter.toQuery(ScimFilter.parse(filter));
        String base = base(uri);
        return directory.list(query, startIndex, count).map(page -> {
            ArrayNode resources = JsonNodeFactory.instance.arrayNode();
            page.people().forEach(view -> resources.add(ScimUserCodec.toJson(view, base)));
            return scim(Response.ok(), listResponse(page.totalResults(), startIndex, resources));
        });
    }

    private static ObjectNode listResponse(long total, int startIndex, ArrayNode resources) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.putArray("schemas").add(Scim.LIST_RESPONSE);
        list.put("totalResults", total);
        list.put("itemsPerPage", resources.size());
        list.put("startIndex", startIndex);
        list.set("Resources", resources);
        return list;
    }

    private static ObjectNode userResourceType(String base) {
        ObjectNode type = JsonNodeFactory.instance.objectNode();
        type.putArray("schemas").add(Scim.RESOURCE_TYPE);
        type.put("id", "User");
        type.put("name", "User");
        type.put("endpoint", "/Users");
        type.put("description", "A person of the directory");
        type.put("schema", Scim.USER);
        ArrayNode extensions = type.putArray("schemaExtensions");
        extensions.addObject().put("schema", Scim.ENTERPRISE).put("required", false);
        extensions.addObject().put("schema", Scim.MATCHING).put("required", false);
        type.putObject("meta").put("resourceType", "ResourceType").put("location", base + "/ResourceTypes/User");
        return type;
    }

    private static Response user(DirectoryService.PersonView view, UriInfo uri, Response.ResponseBuilder builder) {
        return scim(builder.header(HttpHeaders.ETAG, ETags.of(view.person().version)), ScimUserCodec.toJson(view, base(uri)));
    }

    private static Response scim(Response.ResponseBuilder builder, JsonNode body) {
        return builder.type(SCIM_JSON).entity(Scim.write(body)).build();
    }

    private static String base(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base : base + "/") + "scim/v2";
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ScimException(404, null, "User " + id + " not found.");
        }
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " is " + value + " but must be an integer.");
        }
    }
}
