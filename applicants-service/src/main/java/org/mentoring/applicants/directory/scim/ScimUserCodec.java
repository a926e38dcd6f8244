package org.mentoring.applicants.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mentoring.applicants.directory.model.DirectoryPerson;
import org.mentoring.applicants.directory.model.Email;
import org.mentoring.applicants.directory.service.DirectoryService;
import org.mentoring.applicants.directory.service.PersonData;
import org.mentoring.platform.http.ETags;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A directory person as a SCIM User and back. Reading is strict about types and unknown attributes,
 * ignores what only the service sets (id, meta, manager.displayName) and standard attributes we do
 * not store, and matches attribute names regardless of case.
 */
public final class ScimUserCodec {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScimUserCodec() {
    }

    /** {@code baseUrl} is the absolute URL of {@code /scim/v2}, without a trailing slash. */
    public static ObjectNode toJson(DirectoryService.PersonView view, String baseUrl) {
        DirectoryPerson p = view.person();
        ObjectNode user = F.objectNode();
        ArrayNode schemas = user.putArray("schemas").add(Scim.USER);
        user.put("id", p.id.toString());
        putText(user, "externalId", p.externalId);
        user.put("userName", p.userName);
        ObjectNode name = F.objectNode();
        putText(name, "formatted", p.formattedName);
        putText(name, "familyName", p.familyName);
        putText(name, "givenName", p.givenName);
        if (!name.isEmpty()) {
            user.set("name", name);
        }
        putText(user, "displayName", p.displayName);
        putText(user, "title", p.title);
        if (!p.emailList().isEmpty()) {
            ArrayNode emails = user.putArray("emails");
            for (Email e : p.emailList()) {
                ObjectNode email = emails.addObject().put("value", e.value());
                putText(email, "type", e.type());
                email.put("primary", e.primary());
            }
        }
        user.put("active", p.active);

        ObjectNode enterprise = F.objectNode();
        putText(enterprise, "employeeNumber", p.employeeNumber);
        putText(enterprise, "organization", p.organization);
        putText(enterprise, "department", p.department);
        if (p.managerId != null) {
            ObjectNode manager = enterprise.putObject("manager");
            manager.put("value", p.managerId.toString());
            manager.put("$ref", baseUrl + "/Users/" + p.managerId);
            putText(manager, "displayName", view.managerDisplayName());
        }
        if (!enterprise.isEmpty()) {
            schemas.add(Scim.ENTERPRISE);
            user.set(Scim.ENTERPRISE, enterprise);
        }

        ObjectNode matching = F.objectNode();
        ObjectNode location = F.objectNode();
        putText(location, "city", p.city);
        putText(location, "region", p.region);
        putText(location, "country", p.country);
        if (p.latitude != null) {
            location.put("latitude", p.latitude);
        }
        if (p.longitude != null) {
            location.put("longitude", p.longitude);
        }
        if (!location.isEmpty()) {
            matching.set("location", location);
        }
        if (!p.languages.isEmpty()) {
            ArrayNode languages = matching.putArray("languages");
            p.languages.forEach(languages::add);
        }
        if (p.hireDate != null) {
            matching.put("hireDate", p.hireDate.toString());
        }
        if (p.birthYear != null) {
            matching.put("birthYear", p.birthYear);
        }
        putText(matching, "grade", p.grade);
        if (!matching.isEmpty()) {
            schemas.add(Scim.MATCHING);
            user.set(Scim.MATCHING, matching);
        }

        ObjectNode meta = user.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", p.createdAt.toString());
        meta.put("lastModified", p.updatedAt.toString());
        meta.put("location", baseUrl + "/Users/" + p.id);
        meta.put("version", ETags.of(p.version));
        return user;
    }

    /** Reads a User body (POST, PUT, or a PATCHed document) into what a client may set. */
    public static PersonData fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("The body must be a JSON object: a SCIM User.");
        }
        requireSchemas(body);
        Reader r = new Reader();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equalsIgnoreCase("schemas")) {
                continue;
            }
            if (key.regionMatches(true, 0, "urn:", 0, 4)) {
                String schema = Scim.userSchema(key).filter(s -> !s.equals(Scim.USER)).orElseThrow(() ->
                        ScimException.invalidSyntax("The attribute " + key + " is not an extension of User here; the extensions are "
                                + Scim.ENTERPRISE + " and " + Scim.MATCHING + "."));
                if (!field.getValue().isNull()) {
                    if (!field.getValue().isObject()) {
                        throw ScimException.invalidValue("The attribute " + schema + " must be a JSON object.");
                    }
                    field.getValue().fields().forEachRemaining(e -> r.read(schema, e.getKey(), e.getValue()));
                }
                continue;
            }
            r.read(Scim.USER, key, field.getValue());
        }
        if (!r.errors.isEmpty()) {
            throw ScimException.invalidValue("Invalid attribute values: " + String.join("; ", r.errors) + ".");
        }
        return new PersonData(r.userName, r.externalId, r.givenName, r.familyName, r.formatted, r.displayName, r.title,
                r.emails, r.employeeNumber, r.organization, r.department, r.managerId, r.city, r.region, r.country,
                r.latitude, r.longitude, r.languages, r.hireDate, r.birthYear, r.grade, r.active == null || r.active);
    }

    private static void requireSchemas(JsonNode body) {
        JsonNode schemas = null;
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.equalsIgnoreCase("schemas")) {
                schemas = body.get(name);
            }
        }
        if (schemas == null || !schemas.isArray()) {
            throw ScimException.invalidSyntax("The attribute schemas is required: [\"" + Scim.USER + "\"] and the extensions used.");
        }
        boolean user = false;
        for (JsonNode s : schemas) {
            if (!s.isTextual() || Scim.userSchema(s.asText()).isEmpty()) {
                throw ScimException.invalidSyntax("schemas names " + s + ", which is not a schema of User here.");
            }
            user |= s.asText().equalsIgnoreCase(Scim.USER);
        }
        if (!user) {
            throw ScimException.invalidSyntax("schemas must include " + Scim.USER + ".");
        }
    }

    /** Collects the attributes of one body; type errors are gathered, unknown attributes fail at once. */
    private static final class Reader {
        final List<String> errors = new ArrayList<>();
        String userName;
        String externalId;
        String givenName;
        String familyName;
        String formatted;
        String displayName;
        String title;
        List<Email> emails = List.of();
        Boolean active;
        String employeeNumber;
        String organization;
        String department;
        UUID managerId;
        String city;
        String region;
        String country;
        Double latitude;
        Double longitude;
        List<String> languages = List.of();
        String hireDate;
        Integer birthYear;
        String grade;

        void read(String schema, String key, JsonNode v) {
            if (ScimAttributes.readOnly(schema, key) || ScimAttributes.ignored(schema, key)) {
                return;
            }
            ScimAttributes.Attr attr = ScimAttributes.find(schema, key).orElseThrow(() -> ScimException.invalidSyntax(
                    "The attribute " + qualified(schema, key) + " is not defined for User here (see /scim/v2/Schemas)."));
            String path = qualified(schema, attr.name());
            switch (attr.name()) {
                case "userName" -> userName = text(path, v);
                case "externalId" -> externalId = text(path, v);
                case "displayName" -> displayName = text(path, v);
                case "title" -> title = text(path, v);
                case "active" -> active = bool(path, v);
                case "name" -> forEachSub(attr, path, v, (sub, sv) -> {
                    switch (sub) {
                        case "formatted" -> formatted = text(path + ".formatted", sv);
                        case "familyName" -> familyName = text(path + ".familyName", sv);
                        default -> givenName = text(path + ".givenName", sv);
                    }
                });
                case "emails" -> emails = emails(path, v);
                case "employeeNumber" -> employeeNumber = text(path, v);
                case "organization" -> organization = text(path, v);
                case "department" -> department = text(path, v);
                case "manager" -> managerId = manager(attr, path, v);
                case "location" -> forEachSub(attr, path, v, (sub, sv) -> {
                    switch (sub) {
                        case "city" -> city = text(path + ".city", sv);
                        case "region" -> region = text(path + ".region", sv);
                        case "country" -> country = text(path + ".country", sv);
                        case "latitude" -> latitude = number(path + ".latitude", sv);
                        default -> longitude = number(path + ".longitude", sv);
                    }
                });
                case "languages" -> languages = strings(path, v);
                case "hireDate" -> hireDate = text(path, v);
                case "birthYear" -> birthYear = integer(path, v);
                case "grade" -> grade = text(path, v);
                default -> throw new IllegalStateException(attr.name());
            }
        }

        private void forEachSub(ScimAttributes.Attr attr, String path, JsonNode v, java.util.function.BiConsumer<String, JsonNode> each) {
            if (v.isNull()) {
                return;
            }
            if (!v.isObject()) {
                errors.add(path + " must be a JSON object");
                return;
            }
            v.fields().forEachRemaining(e -> {
                if (ScimAttributes.ignoredSub(attr, e.getKey())) {
                    return;
                }
                ScimAttributes.Attr sub = attr.sub(e.getKey()).orElseThrow(() -> ScimException.invalidSyntax(
                        "The attribute " + path + "." + e.getKey() + " is not defined for User here (see /scim/v2/Schemas)."));
                if (!sub.readOnly()) {
                    each.accept(sub.name(), e.getValue());
                }
            });
        }

        private UUID manager(ScimAttributes.Attr attr, String path, JsonNode v) {
            if (v.isNull()) {
                return null;
            }
            String[] value = new String[1];
            if (v.isTextual()) {
                value[0] = v.asText(); // some clients send the manager's id as a bare string
            } else {
                forEachSub(attr, path, v, (sub, sv) -> value[0] = text(path + ".value", sv));
            }
            if (value[0] == null || value[0].isBlank()) {
                return null;
            }
            try {
                return UUID.fromString(value[0].strip());
            } catch (IllegalArgumentException e) {
                errors.add(path + ".value is " + value[0] + ", which is not the id of a User here");
                return null;
            }
        }

        private List<Email> emails(String path, JsonNode v) {
            if (v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                errors.add(path + " must be an array of {value, type, primary}");
                return List.of();
            }
            ScimAttributes.Attr attr = ScimAttributes.find(Scim.USER, "emails").orElseThrow();
            List<Email> result = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                String item = path + "[" + i + "]";
                String[] value = new String[2];
                Boolean[] primary = {Boolean.FALSE};
                forEachSub(attr, item, v.get(i), (sub, sv) -> {
                    switch (sub) {
                        case "value" -> value[0] = text(item + ".value", sv);
                        case "type" -> value[1] = text(item + ".type", sv);
                        default -> {
                            Boolean b = bool(item + ".primary", sv);
                            primary[0] = b != null && b;
                        }
                    }
                });
                result.add(new Email(value[0], value[1], primary[0]));
            }
            return result;
        }

        private List<String> strings(String path, JsonNode v) {
            if (v.isNull()) {
                return List.of();
            }
            if (v.isTextual()) {
                return List.of(v.asText());
            }
            if (!v.isArray()) {
                errors.add(path + " must be an array of strings");
                return List.of();
            }
            List<String> result = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (item.isObject() && item.has("value")) {
                    item = item.get("value"); // the multi-valued form [{"value": "en"}]
                }
                if (!item.isTextual()) {
                    errors.add(path + "[" + i + "] must be a string");
                } else {
                    result.add(item.asText());
                }
            }
            return result;
        }

        private String text(String path, JsonNode v) {
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                errors.add(path + " must be a string");
                return null;
            }
            return v.asText();
        }

        private Integer integer(String path, JsonNode v) {
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                errors.add(path + " must be a whole number");
                return null;
            }
            return v.asInt();
        }

        private Double number(String path, JsonNode v) {
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber()) {
                errors.add(path + " must be a number");
                return null;
            }
            return v.asDouble();
        }

        /** A boolean; the strings "true" and "false" (any case) are accepted too, as some clients send them. */
        private Boolean bool(String path, JsonNode v) {
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(v.asText().toLowerCase(Locale.ROOT));
            }
            errors.add(path + " must be true or false");
            return null;
        }
    }

    static String qualified(String schema, String name) {
        return Scim.USER.equals(schema) ? name : schema + ":" + name;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
