package org.mentoring.applicants.directory.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The User attributes this service stores, per schema: the source of {@code /Schemas}, and of the
 * case-insensitive attribute names of bodies, PATCH paths and filters (RFC 7643 section 2.1).
 * Standard attributes we do not store (phoneNumbers, addresses, ...) are accepted and ignored.
 */
public final class ScimAttributes {

    public enum Kind { SIMPLE, COMPLEX, MULTI_COMPLEX, MULTI_SIMPLE }

    public record Attr(String schema, String name, String type, Kind kind, boolean required, boolean caseExact,
                       String mutability, String uniqueness, String description, List<Attr> subs, List<String> canonicalValues) {

        public boolean multiValued() {
            return kind == Kind.MULTI_COMPLEX || kind == Kind.MULTI_SIMPLE;
        }

        public boolean readOnly() {
            return "readOnly".equals(mutability);
        }

        public Optional<Attr> sub(String name) {
            return subs.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    private static Attr text(String schema, String name, String description) {
        return new Attr(schema, name, "string", Kind.SIMPLE, false, false, "readWrite", "none", description, List.of(), List.of());
    }

    private static Attr sub(String name, String type, String mutability, String description) {
        return new Attr(null, name, type, Kind.SIMPLE, false, false, mutability, "none", description, List.of(), List.of());
    }

    public static final List<Attr> CORE = List.of(
            new Attr(Scim.USER, "userName", "string", Kind.SIMPLE, true, false, "readWrite", "server",
                    "Unique identifier of the person, typically the login name; unique regardless of case.", List.of(), List.of()),
            new Attr(Scim.USER, "externalId", "string", Kind.SIMPLE, false, true, "readWrite", "server",
                    "The HRIS's own id of the person; unique when present.", List.of(), List.of()),
            new Attr(Scim.USER, "name", "complex", Kind.COMPLEX, false, false, "readWrite", "none", "The person's name.", List.of(
                    sub("formatted", "string", "readWrite", "The full name, for display."),
                    sub("familyName", "string", "readWrite", "Family name."),
                    sub("givenName", "string", "readWrite", "Given name.")), List.of()),
            text(Scim.USER, "displayName", "The name to show."),
            text(Scim.USER, "title", "Job title, e.g. Head of Finance."),
            new Attr(Scim.USER, "emails", "complex", Kind.MULTI_COMPLEX, false, false, "readWrite", "none",
                    "Email addresses; at most one primary.", List.of(
                    sub("value", "string", "readWrite", "The address."),
                    new Attr(null, "type", "string", Kind.SIMPLE, false, false, "readWrite", "none", "work, home or other.",
                            List.of(), List.of("work", "home", "other")),
                    sub("primary", "boolean", "readWrite", "The preferred address.")), List.of()),
            new Attr(Scim.USER, "active", "boolean", Kind.SIMPLE, false, false, "readWrite", "none",
                    "False once the person left or was deactivated; deactivated people stay for history.", List.of(), List.of()));

    public static final List<Attr> ENTERPRISE = List.of(
            text(Scim.ENTERPRISE, "employeeNumber", "Employee number from the HRIS."),
            text(Scim.ENTERPRISE, "organization", "The institute or organisation the person belongs to; mentor and mentee come from different ones."),
            text(Scim.ENTERPRISE, "department", "Department or org unit."),
            new Attr(Scim.ENTERPRISE, "manager", "complex", Kind.COMPLEX, false, false, "readWrite", "none",
                    "The direct manager: the reporting line keeps mentors and mentees out of each other's chain.", List.of(
                    sub("value", "string", "readWrite", "The SCIM id of the manager, a User of this directory."),
                    sub("$ref", "reference", "readOnly", "URI of the manager's User resource."),
                    sub("displayName", "string", "readOnly", "The manager's display name.")), List.of()));

    public static final List<Attr> MATCHING = List.of(
            new Attr(Scim.MATCHING, "location", "complex", Kind.COMPLEX, false, false, "readWrite", "none",
                    "Where the person works, for in-person matching.", List.of(
                    sub("city", "string", "readWrite", "City."),
                    sub("region", "string", "readWrite", "Region or state."),
                    sub("country", "string", "readWrite", "ISO 3166-1 alpha-2 country code, e.g. DE."),
                    sub("latitude", "decimal", "readWrite", "Latitude in degrees, -90 to 90; given together with longitude."),
                    sub("longitude", "decimal", "readWrite", "Longitude in degrees, -180 to 180; given together with latitude.")), List.of()),
            new Attr(Scim.MATCHING, "languages", "string", Kind.MULTI_SIMPLE, false, false, "readWrite", "none",
                    "Languages the person works in, ISO 639-1 codes such as en, de.", List.of(), List.of()),
            new Attr(Scim.MATCHING, "hireDate", "string", Kind.SIMPLE, false, false, "readWrite", "none",
                    "The date the person was hired, an ISO date such as 2015-04-01; their years of experience in matching are "
                            + "counted from it.", List.of(), List.of()),
            new Attr(Scim.MATCHING, "birthYear", "integer", Kind.SIMPLE, false, false, "readWrite", "none",
                    "The year the person was born; without a hire date, years of experience are estimated as age minus 22.",
                    List.of(), List.of()),
            text(Scim.MATCHING, "grade", "The person's pay grade as the HRIS names it, e.g. E13."));

    /** Standard attributes a client may send that this service does not store. */
    private static final Set<String> IGNORED_CORE = Set.of("nickname", "profileurl", "usertype", "preferredlanguage", "locale",
            "timezone", "password", "phonenumbers", "ims", "photos", "addresses", "entitlements", "roles", "x509certificates");
    private static final Set<String> IGNORED_ENTERPRISE = Set.of("costcenter", "division");
    private static final Set<String> IGNORED_NAME = Set.of("middlename", "honorificprefix", "honorificsuffix");
    /** Attributes only the service sets. */
    private static final Set<String> READ_ONLY_CORE = Set.of("id", "meta", "groups");

    private ScimAttributes() {
    }

    public static List<Attr> of(String schema) {
        return switch (schema) {
            case Scim.ENTERPRISE -> ENTERPRISE;
            case Scim.MATCHING -> MATCHING;
            default -> CORE;
        };
    }

    public static Optional<Attr> find(String schema, String name) {
        return of(schema).stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
    }

    /** A standard attribute we accept and do not store. */
    public static boolean ignored(String schema, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (schema) {
            case Scim.ENTERPRISE -> IGNORED_ENTERPRISE.contains(lower);
            case Scim.MATCHING -> false;
            default -> IGNORED_CORE.contains(lower);
        };
    }

    public static boolean ignoredSub(Attr attr, String sub) {
        String lower = sub.toLowerCase(Locale.ROOT);
        return (attr.name().equals("name") && IGNORED_NAME.contains(lower)) || (attr.name().equals("emails") && lower.equals("display"));
    }

    public static boolean readOnly(String schema, String name) {
        return Scim.USER.equals(schema) && READ_ONLY_CORE.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The schema resource of {@code /Schemas/{id}}. */
    public static ObjectNode schemaResource(String schema, String baseUrl) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putArray("schemas").add(Scim.SCHEMA);
        node.put("id", schema);
        switch (schema) {
            case Scim.ENTERPRISE -> {
                node.put("name", "EnterpriseUser");
                node.put("description", "Enterprise User: employee number, organisation, department, manager");
            }
            case Scim.MATCHING -> {
                node.put("name", "MatchingUser");
                node.put("description", "What reverse-mentoring matching needs: work location, languages and seniority (hire date, birth year, grade)");
            }
            default -> {
                node.put("name", "User");
                node.put("description", "User Account");
            }
        }
        ArrayNode attributes = node.putArray("attributes");
        of(schema).forEach(a -> attributes.add(describe(a)));
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "Schema");
        meta.put("location", baseUrl + "/Schemas/" + schema);
        return node;
    }

    private static ObjectNode describe(Attr a) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", a.name());
        node.put("type", a.type());
        node.put("multiValued", a.multiValued());
        node.put("description", a.description());
        node.put("required", a.required());
        if (!a.type().equals("complex") && !a.type().equals("boolean") && !a.type().equals("decimal")) {
            node.put("caseExact", a.caseExact());
        }
        if (!a.canonicalValues().isEmpty()) {
            ArrayNode values = node.putArray("canonicalValues");
            a.canonicalValues().forEach(values::add);
        }
        if (a.type().equals("reference")) {
            node.putArray("referenceTypes").add("User");
        }
        node.put("mutability", a.mutability());
        node.put("returned", "default");
        node.put("uniqueness", a.uniqueness());
        if (!a.subs().isEmpty()) {
            ArrayNode subs = node.putArray("subAttributes");
            a.subs().forEach(s -> subs.add(describe(s)));
        }
        return node;
    }
}
