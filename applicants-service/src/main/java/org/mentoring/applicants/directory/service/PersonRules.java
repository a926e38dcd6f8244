package org.mentoring.applicants.directory.service;

import org.mentoring.applicants.directory.model.Email;
import org.mentoring.contracts.problem.Problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value rules of a directory person, shared by SCIM and the bulk import: normalisation (trimmed
 * text, upper-case country, lower-case languages) and validation. Errors name the directory's logical
 * fields; each door renames them for its clients.
 */
public final class PersonRules {

    public static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    public static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    public static final Set<String> EMAIL_TYPES = Set.of("work", "home", "other");
    public static final int MAX_EMAILS = 20;
    public static final int MAX_LANGUAGES = 30;

    /** Pragmatic address syntax: one @, a dot in the domain, no spaces, labels of letters, digits and dashes. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}$");

    private PersonRules() {
    }

    /**
     * Trims text (blank becomes absent), upper-cases the country, lower-cases and de-duplicates languages (a blank or
     * missing language stays in its place as an empty one, so that the rules can name it).
     */
    public static PersonData normalize(PersonData d) {
        List<Email> emails = d.emails().stream()
                .map(e -> e == null ? null : new Email(text(e.value()), e.type() == null ? null : text(e.type().toLowerCase(Locale.ROOT)), e.primary()))
                .toList();
        List<String> languages = d.languages().stream()
                .map(l -> l == null ? "" : l.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        return new PersonData(text(d.userName()), text(d.externalId()), text(d.givenName()), text(d.familyName()),
                text(d.formattedName()), text(d.displayName()), text(d.title()), emails, text(d.employeeNumber()),
                text(d.organization()), text(d.department()), d.managerId(), text(d.city()), text(d.region()),
                d.country() == null ? null : text(d.country().toUpperCase(Locale.ROOT)), d.latitude(), d.longitude(),
                languages, text(d.hireDate()), d.birthYear(), text(d.grade()), d.active());
    }

    /** Every rule {@code d} (normalised) breaks; empty when it is valid. */
    public static List<Problem.FieldError> violations(PersonData d) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (d.userName() == null) {
            errors.add(new Problem.FieldError("userName", "is required"));
        } else {
            length(errors, "userName", d.userName(), 256);
            if (d.userName().chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                errors.add(new Problem.FieldError("userName", "must not contain spaces or control characters"));
            }
        }
        length(errors, "externalId", d.externalId(), 256);
        length(errors, "name.givenName", d.givenName(), 200);
        length(errors, "name.familyName", d.familyName(), 200);
        length(errors, "name.formatted", d.formattedName(), 400);
        length(errors, "displayName", d.displayName(), 400);
        length(errors, "title", d.title(), 200);
        emails(errors, d.emails());
        length(errors, "employeeNumber", d.employeeNumber(), 100);
        length(errors, "organization", d.organization(), 200);
        length(errors, "department", d.department(), 200);
        length(errors, "location.city", d.city(), 200);
        length(errors, "grade", d.grade(), 100);
        int thisYear = java.time.Year.now(java.time.ZoneOffset.UTC).getValue();
        if (d.hireDate() != null) {
            try {
                java.time.LocalDate hired = java.time.LocalDate.parse(d.hireDate());
                if (hired.getYear() < 1900 || hired.isAfter(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1))) {
                    errors.add(new Problem.FieldError("hireDate", "is " + d.hireDate() + ", which is not a plausible hire date"));
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new Problem.FieldError("hireDate", "is " + d.hireDate() + ", but must be an ISO date such as 2015-04-01"));
            }
        }
        if (d.birthYear() != null && (d.birthYear() < 1900 || d.birthYear() > thisYear)) {
            errors.add(new Problem.FieldError("birthYear", "is " + d.birthYear() + ", but must be a year from 1900 to " + thisYear));
        }
        length(errors, "location.region", d.region(), 200);
        if (d.country() != null && !COUNTRIES.contains(d.country())) {
            errors.add(new Problem.FieldError("location.country", "is " + d.country() + ", which is not an ISO 3166-1 alpha-2 country code such as DE"));
        }
        coordinate(errors, "location.latitude", d.latitude(), 90);
        coordinate(errors, "location.longitude", d.longitude(), 180);
        if (d.latitude() != null && d.longitude() == null) {
            errors.add(new Problem.FieldError("location.longitude", "is required when latitude is given"));
        }
        if (d.longitude() != null && d.latitude() == null) {
            errors.add(new Problem.FieldError("location.latitude", "is required when longitude is given"));
        }
        if (d.languages().size() > MAX_LANGUAGES) {
            errors.add(new Problem.FieldError("languages", "has more than " + MAX_LANGUAGES + " entries"));
        }
        for (int i = 0; i < d.languages().size(); i++) {
            String code = d.languages().get(i);
            if (code == null || code.isEmpty()) {
                errors.add(new Problem.FieldError("languages[" + i + "]", "must not be empty"));
            } else if (!LANGUAGES.contains(code)) {
                errors.add(new Problem.FieldError("languages[" + i + "]", "is " + code + ", which is not an ISO 639-1 language code such as en"));
            }
        }
        return errors;
    }

    /** Normalises {@code d} and throws {@link DirectoryException} naming every broken rule. */
    public static PersonData check(PersonData d) {
        PersonData normalized = normalize(d);
        List<Problem.FieldError> errors = violations(normalized);
        if (!errors.isEmpty()) {
            throw DirectoryException.invalid(errors);
        }
        return normalized;
    }

    public static boolean isEmail(String value) {
        return value != null && value.length() <= 320 && EMAIL.matcher(value).matches();
    }

    public static String describe(List<Problem.FieldError> errors) {
        return "Invalid attributes: " + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")) + ".";
    }

    private static void emails(List<Problem.FieldError> errors, List<Email> emails) {
        if (emails.size() > MAX_EMAILS) {
            errors.add(new Problem.FieldError("emails", "has more than " + MAX_EMAILS + " values"));
        }
        Set<String> seen = new HashSet<>();
        int primaries = 0;
        for (int i = 0; i < emails.size(); i++) {
            Email e = emails.get(i);
            String field = "emails[" + i + "]";
            if (e == null || e.value() == null) {
                errors.add(new Problem.FieldError(field + ".value", "is required"));
                continue;
            }
            if (!isEmail(e.value())) {
                errors.add(new Problem.FieldError(field + ".value", "is " + e.value() + ", which is not an email address"));
            } else if (!seen.add(e.value().toLowerCase(Locale.ROOT))) {
                errors.add(new Problem.FieldError(field + ".value", "repeats " + e.value()));
            }
            if (e.type() != null && !EMAIL_TYPES.contains(e.type())) {
                errors.add(new Problem.FieldError(field + ".type", "is " + e.type() + " but must be one of work, home, other"));
            }
            if (e.primary()) {
                primaries++;
            }
        }
        if (primaries > 1) {
            errors.add(new Problem.FieldError("emails", "has more than one primary value"));
        }
    }

    private static void coordinate(List<Problem.FieldError> errors, String field, Double value, double bound) {
        if (value != null && (value.isNaN() || value.isInfinite() || value < -bound || value > bound)) {
            errors.add(new Problem.FieldError(field, "is " + value + " but must be between " + (int) -bound + " and " + (int) bound));
        }
    }

    private static void length(List<Problem.FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new Problem.FieldError(field, "is longer than " + max + " characters"));
        }
    }

    private static String text(String s) {
        if (s == null) {
            return null;
        }
        String stripped = s.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
