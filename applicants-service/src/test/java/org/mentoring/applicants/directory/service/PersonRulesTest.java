package org.mentoring.applicants.directory.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mentoring.applicants.directory.model.Email;
import org.mentoring.contracts.problem.Problem;

import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value rules of a directory person, shared by SCIM and the bulk import: normalisation, then every broken rule named. */
class PersonRulesTest {

    private static final int THIS_YEAR = Year.now(ZoneOffset.UTC).getValue();

    /** A valid person; each case changes one thing. */
    private static PersonData person(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    /** A mutable copy of PersonData's fields, to write one-line cases. */
    static final class Builder {
        String userName = "ada";
        String externalId = "E-1";
        String givenName = "Ada";
        String familyName = "Lovelace";
        String formattedName = null;
        String displayName = "Ada Lovelace";
        String title = "Engineer";
        List<Email> emails = List.of(new Email("ada@example.org", "work", true));
        String employeeNumber = "1001";
        String organization = "Acme";
        String department = "IT";
        String city = "Berlin";
        String region = null;
        String country = "DE";
        Double latitude = 52.5;
        Double longitude = 13.4;
        List<String> languages = List.of("en", "de");
        String hireDate = "2015-04-01";
        Integer birthYear = 1990;
        String grade = null;

        PersonData build() {
            return new PersonData(userName, externalId, givenName, familyName, formattedName, displayName, title, emails,
                    employeeNumber, organization, department, null, city, region, country, latitude, longitude, languages,
                    hireDate, birthYear, grade, true);
        }
    }

    private static Arguments invalid(String name, UnaryOperator<Builder> change, String... errors) {
        return Arguments.of(name, person(change), List.of(errors));
    }

    static Stream<Arguments> invalidPeople() {
        List<Email> many = new ArrayList<>();
        for (int i = 0; i < PersonRules.MAX_EMAILS + 1; i++) {
            many.add(new Email("p" + i + "@example.org", null, false));
        }
        return Stream.of(
                invalid("no userName", b -> { b.userName = null; return b; }, "userName is required"),
                invalid("blank userName", b -> { b.userName = "   "; return b; }, "userName is required"),
                invalid("userName with a space", b -> { b.userName = "ada l"; return b; },
                        "userName must not contain spaces or control characters"),
                invalid("userName with a tab", b -> { b.userName = "ada\tl"; return b; },
                        "userName must not contain spaces or control characters"),
                invalid("userName too long", b -> { b.userName = "a".repeat(257); return b; },
                        "userName is longer than 256 characters"),
                invalid("givenName too long", b -> { b.givenName = "a".repeat(201); return b; },
                        "name.givenName is longer than 200 characters"),
                invalid("not an email address", b -> { b.emails = List.of(new Email("ada.example.org", "work", false)); return b; },
                        "emails[0].value is ada.example.org, which is not an email address"),
                invalid("email without a value", b -> { b.emails = List.of(new Email(" ", "work", false)); return b; },
                        "emails[0].value is required"),
                invalid("the same email twice, in other case", b -> {
                    b.emails = List.of(new Email("ada@example.org", null, false), new Email("ADA@example.org", null, false));
                    return b;
                }, "emails[1].value repeats ADA@example.org"),
                invalid("an unknown email type", b -> { b.emails = List.of(new Email("ada@example.org", "Office", false)); return b; },
                        "emails[0].type is office but must be one of work, home, other"),
                invalid("two primary emails", b -> {
                    b.emails = List.of(new Email("a@example.org", null, true), new Email("b@example.org", null, true));
                    return b;
                }, "emails has more than one primary value"),
                invalid("too many emails", b -> { b.emails = many; return b; }, "emails has more than 20 values"),
                invalid("hire date not a date", b -> { b.hireDate = "01.04.2015"; return b; },
                        "hireDate is 01.04.2015, but must be an ISO date such as 2015-04-01"),
                invalid("hire date before 1900", b -> { b.hireDate = "1899-12-31"; return b; },
                        "hireDate is 1899-12-31, which is not a plausible hire date"),
                invalid("hire date over a year ahead", b -> {
                    b.hireDate = LocalDate.now(ZoneOffset.UTC).plusYears(1).plusDays(2).toString();
                    return b;
                }, "hireDate is " + LocalDate.now(ZoneOffset.UTC).plusYears(1).plusDays(2) + ", which is not a plausible hire date"),
                invalid("birth year before 1900", b -> { b.birthYear = 1899; return b; },
                        "birthYear is 1899, but must be a year from 1900 to " + THIS_YEAR),
                invalid("birth year in the future", b -> { b.birthYear = THIS_YEAR + 1; return b; },
                        "birthYear is " + (THIS_YEAR + 1) + ", but must be a year from 1900 to " + THIS_YEAR),
                invalid("an unknown country", b -> { b.country = "xx"; return b; },
                        "location.country is XX, which is not an ISO 3166-1 alpha-2 country code such as DE"),
                invalid("a country name", b -> { b.country = "Germany"; return b; },
                        "location.country is GERMANY, which is not an ISO 3166-1 alpha-2 country code such as DE"),
                invalid("latitude out of range", b -> { b.latitude = 90.5; return b; },
                        "location.latitude is 90.5 but must be between -90 and 90"),
                invalid("longitude NaN", b -> { b.longitude = Double.NaN; return b; },
                        "location.longitude is NaN but must be between -180 and 180"),
                invalid("latitude without longitude", b -> { b.longitude = null; return b; },
                        "location.longitude is required when latitude is given"),
                invalid("longitude without latitude", b -> { b.latitude = null; return b; },
                        "location.latitude is required when longitude is given"),
                invalid("an unknown language", b -> { b.languages = List.of("en", "english"); return b; },
                        "languages[1] is english, which is not an ISO 639-1 language code such as en"),
                invalid("one language 31 times is one language (no error)", b -> {
                    b.languages = Collections.nCopies(31, "en");
                    return b;
                }),
                invalid("several problems at once", b -> {
                    b.userName = null;
                    b.country = "ZZ";
                    b.birthYear = 1800;
                    return b;
                }, "userName is required", "birthYear is 1800, but must be a year from 1900 to " + THIS_YEAR,
                        "location.country is ZZ, which is not an ISO 3166-1 alpha-2 country code such as DE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPeople")
    void aPersonBreakingARuleGetsEveryBrokenRuleNamed(String name, PersonData person, List<String> expected) {
        List<String> errors = PersonRules.violations(PersonRules.normalize(person)).stream()
                .map(e -> e.field() + " " + e.message()).toList();

        assertThat(errors).containsExactlyElementsOf(expected);
        if (!expected.isEmpty()) {
            assertThatThrownBy(() -> PersonRules.check(person)).isInstanceOf(DirectoryException.class);
        }
    }

    @Test
    void moreThanThirtyDistinctLanguagesAreTooMany() {
        List<String> codes = java.util.Locale.getISOLanguages().length > 31
                ? List.of(java.util.Locale.getISOLanguages()).subList(0, 31) : List.of();
        PersonData person = person(b -> { b.languages = codes; return b; });

        assertThat(PersonRules.violations(PersonRules.normalize(person)))
                .containsExactly(new Problem.FieldError("languages", "has more than 30 entries"));
    }

    @Test
    void aBlankLanguageIsNamedNotANullPointer() {
        PersonData person = person(b -> { b.languages = List.of("en", " "); return b; });

        assertThatThrownBy(() -> PersonRules.check(person)).isInstanceOfSatisfying(DirectoryException.class, e ->
                assertThat(e.errors()).containsExactly(new Problem.FieldError("languages[1]", "must not be empty")));
    }

    @Test
    void aValidPersonIsNormalisedAndPasses() {
        PersonData messy = person(b -> {
            b.userName = "  ada  ";
            b.title = "   ";
            b.country = "de";
            b.languages = List.of("EN", "en", " De ");
            b.emails = List.of(new Email(" ada@example.org ", " WORK ", true));
            return b;
        });

        PersonData checked = PersonRules.check(messy);

        assertThat(checked.userName()).isEqualTo("ada");
        assertThat(checked.title()).isNull();
        assertThat(checked.country()).isEqualTo("DE");
        assertThat(checked.languages()).containsExactly("en", "de");
        assertThat(checked.emails()).containsExactly(new Email("ada@example.org", "work", true));
    }

    @Test
    void theEdgesOfEachRangeAreValid() {
        PersonData edges = person(b -> {
            b.userName = "a".repeat(256);
            b.latitude = -90.0;
            b.longitude = 180.0;
            b.birthYear = THIS_YEAR;
            b.hireDate = "1900-01-01";
            return b;
        });

        assertThat(PersonRules.violations(PersonRules.normalize(edges))).isEmpty();
    }

    @Test
    void errorsAreDescribedInOneSentence() {
        assertThat(PersonRules.describe(List.of(new Problem.FieldError("userName", "is required"),
                new Problem.FieldError("emails", "has more than 20 values"))))
                .isEqualTo("Invalid attributes: userName is required; emails has more than 20 values.");
    }
}
