package org.mentoring.applicants.directory.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** SCIM 2.0 names (RFC 7643, RFC 7644) and this service's extension. */
public final class Scim {

    public static final String MEDIA_TYPE = "application/scim+json";

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** What matching needs beyond the core and enterprise schemas: where the person works, which languages they speak, and seniority. */
    public static final String MATCHING = "urn:mentoring:scim:schemas:extension:matching:1.0:User";

    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /** Schemas a User carries, core first. */
    public static final List<String> USER_SCHEMAS = List.of(USER, ENTERPRISE, MATCHING);

    /** Largest page a list answers (also ServiceProviderConfig filter.maxResults). */
    public static final int MAX_RESULTS = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Scim() {
    }

    /** The User schema URN that {@code urn} names, in any case. */
    public static Optional<String> userSchema(String urn) {
        return USER_SCHEMAS.stream().filter(s -> s.equalsIgnoreCase(urn)).findFirst();
    }

    /**
     * Splits an attribute path that may begin with a schema URN ({@code urn:...:User:department}) into
     * the schema (core when absent) and the rest; empty when it names an unknown schema.
     */
    public static Optional<String[]> splitUrn(String path) {
        if (!path.regionMatches(true, 0, "urn:", 0, 4)) {
            return Optional.of(new String[]{USER, path});
        }
        String lower = path.toLowerCase(Locale.ROOT);
        for (String schema : USER_SCHEMAS) {
            String prefix = schema.toLowerCase(Locale.ROOT);
            if (lower.equals(prefix)) {
                return Optional.of(new String[]{schema, ""});
            }
            if (lower.startsWith(prefix + ":")) {
                return Optional.of(new String[]{schema, path.substring(prefix.length() + 1)});
            }
        }
        return Optional.empty();
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a request body; anything but a JSON document is a 400 invalidSyntax. */
    public static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw ScimException.invalidSyntax("The request body is empty: send a JSON document.");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimException.invalidSyntax("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
