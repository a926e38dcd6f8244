package org.mentoring.applicants.directory.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mentoring.applicants.directory.service.DirectoryImportService;
import org.mentoring.applicants.directory.service.ImportRows;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Bulk import of people from an HRIS, as CSV or JSON, applied once per {@code Idempotency-Key}.
 */
@Path("/api/v1/directory/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Directory", description = "The people directory, fed by the HRIS (see also SCIM 2.0 under /scim/v2)")
@SecurityRequirement(name = "jwt")
public class DirectoryImportResource {

    static final String SCOPE = "directory-import";
    static final String CSV = "text/csv";

    private static final String DESCRIPTION = """
            Upserts people by userName (any case) in one transaction, for the hr-integration role. Columns (CSV header \
            row, or the fields of each JSON object): userName (required), externalId, givenName, familyName, displayName, \
            email (the primary work email), title, employeeNumber, organization (the institute), department, \
            managerUserName (resolved within the import first, then in the directory), city, region, country \
            (ISO 3166-1 alpha-2), latitude (-90..90), longitude (-180..180), languages (ISO 639-1 codes, \
            semicolon-separated in CSV, an array or a semicolon-separated string in JSON), hireDate (ISO date such as \
            2015-04-01), birthYear (a year), grade (free text such as E13), active (true/false). \
            A column left out keeps an existing person's value; an empty cell (or JSON null) clears it. \
            Every row is validated first: any invalid row refuses the whole import with 400 and errors[] naming \
            rows[i].column (i counts data rows from 0), and nothing is stored. Changed people are published as \
            mentoring.directory.person-upserted.v1 (or person-deactivated.v1 when active turns false). \
            The Idempotency-Key header is required: a retry with the same key and body returns the first answer \
            (header Idempotent-Replayed: true) and changes nothing; the same key with another body is refused with 422.""";

    private static final String RESULT_EXAMPLE = """
            {"created": 1, "updated": 1, "unchanged": 0, "deactivated": 0, "people": [
              {"row": 0, "userName": "ada.lovelace", "id": "7d0b8a8e-3c1f-4c55-9d53-2f1f7a0c9e11", "outcome": "CREATED"},
              {"row": 1, "userName": "grace.hopper", "id": "0c6f1e2a-5b7d-4e0b-8f3a-9a1d2c3b4e5f", "outcome": "UPDATED"}]}""";

    private final DirectoryImportService imports;
    private final IdempotencyKeys idempotency;
    private final ObjectMapper mapper;

    public DirectoryImportResource(DirectoryImportService imports, IdempotencyKeys idempotency, ObjectMapper mapper) {
        this.imports = imports;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    @POST
    @Consumes(CSV)
    @RolesAllowed(Caller.HR_INTEGRATION)
    @Operation(operationId = "importPeople", summary = "Import people (CSV)", description = DESCRIPTION)
    @RequestBody(content = @Content(mediaType = CSV, examples = @ExampleObject(name = "two people", value = """
            userName,externalId,givenName,familyName,email,organization,department,managerUserName,city,country,latitude,longitude,languages,active
            grace.hopper,E-1,Grace,Hopper,grace.hopper@example.org,Institute of Computing,Board,,Berlin,DE,52.52,13.405,en;de,true
            ada.lovelace,E-2,Ada,Lovelace,ada.lovelace@example.org,Institute of Computing,Data Lab,grace.hopper,Berlin,DE,52.52,13.405,en,true
            """)))
    @APIResponse(responseCode = "200", description = "Applied (or replayed); counts and each row's person id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DirectoryImportService.ImportResult.class),
                    examples = @ExampleObject(name = "result", value = RESULT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, or invalid rows (errors[] names rows[i].column); nothing stored")
    public Uni<Response> importCsv(
            @Parameter(description = "Unique per import, e.g. a UUID; a retry reuses it", required = true)
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            String body) {
        return run(key, CSV, body, (text, errors) -> ImportRows.fromCsv(text, errors));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.HR_INTEGRATION)
    @Operation(operationId = "importPeople", summary = "Import people (JSON)", description = DESCRIPTION)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY), examples = @ExampleObject(name = "two people", value = """
            [{"userName": "grace.hopper", "externalId": "E-1", "givenName": "Grace", "familyName": "Hopper",
              "email": "grace.hopper@example.org", "organization": "Institute of Computing", "department": "Board",
              "city": "Berlin", "country": "DE", "latitude": 52.52, "longitude": 13.405, "languages": ["en", "de"], "active": true},
             {"userName": "ada.lovelace", "externalId": "E-2", "givenName": "Ada", "familyName": "Lovelace",
              "email": "ada.lovelace@example.org", "organization": "Institute of Computing", "department": "Data Lab",
              "managerUserName": "grace.hopper", "languages": ["en"]}]""")))
    @APIResponse(responseCode = "200", description = "Applied (or replayed); counts and each row's person id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DirectoryImportService.ImportResult.class),
                    examples = @ExampleObject(name = "result", value = RESULT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "No Idempotency-Key, malformed JSON, or invalid rows (errors[] names rows[i].field); nothing stored")
    public Uni<Response> importJson(
            @Parameter(description = "Unique per import, e.g. a UUID; a retry reuses it", required = true)
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            String body) {
        return run(key, MediaType.APPLICATION_JSON, body, (text, errors) -> {
            JsonNode tree;
            try {
                tree = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                throw new ProblemException(ProblemType.MALFORMED_BODY, "The request body is not valid JSON: " + e.getOriginalMessage());
            }
            return ImportRows.fromJson(tree, errors);
        });
    }

    private Uni<Response> run(String key, String mediaType, String body,
                              BiFunction<String, List<Problem.FieldError>, List<ImportRows.Row>> parse) {
        String text = body == null ? "" : body;
        List<Problem.FieldError> errors = new ArrayList<>();
        return idempotency.once(SCOPE, key, mediaType + "\n" + text).required()
                .work(() -> Uni.createFrom().item(() -> refuseIfNoRows(errors, parse.apply(text, errors)))
                        .chain(rows -> imports.importRows(rows, errors)))
                .answer(result -> {
                    try {
                        return Response.ok(mapper.writeValueAsString(result), MediaType.APPLICATION_JSON).build();
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("Import result cannot be serialised", e);
                    }
                });
    }

    /** Errors that left no row to check (header, body shape) are answered at once; others with the rows' own. */
    private static List<ImportRows.Row> refuseIfNoRows(List<Problem.FieldError> errors, List<ImportRows.Row> rows) {
        if (!errors.isEmpty() && rows.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The import was not applied: " + errors.get(0).field() + " " + errors.get(0).message()
                            + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problems)" : "")
                            + ". Nothing was stored.", errors.size() > 200 ? errors.subList(0, 200) : errors);
        }
        return rows;
    }
}
