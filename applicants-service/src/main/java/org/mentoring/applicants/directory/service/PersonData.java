package org.mentoring.applicants.directory.service;

import org.mentoring.applicants.directory.model.DirectoryPerson;
import org.mentoring.applicants.directory.model.Email;
import org.mentoring.applicants.directory.model.EmailList;

import java.util.List;
import java.util.UUID;

/**
 * Everything a client may set on a directory person, whichever door it came through (SCIM or bulk
 * import). Two equal values mean "nothing changed": no write, no event.
 */
public record PersonData(
        String userName,
        String externalId,
        String givenName,
        String familyName,
        String formattedName,
        String displayName,
        String title,
        List<Email> emails,
        String employeeNumber,
        String organization,
        String department,
        UUID managerId,
        String city,
        String region,
        String country,
        Double latitude,
        Double longitude,
        List<String> languages,
        String hireDate,
        Integer birthYear,
        String grade,
        boolean active) {

    public PersonData {
        emails = emails == null ? List.of() : List.copyOf(emails);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    public static PersonData of(DirectoryPerson p) {
        return new PersonData(p.userName, p.externalId, p.givenName, p.familyName, p.formattedName, p.displayName, p.title,
                p.emailList(), p.employeeNumber, p.organization, p.department, p.managerId, p.city, p.region, p.country,
                p.latitude, p.longitude, p.languages, p.hireDate == null ? null : p.hireDate.toString(), p.birthYear, p.grade,
                p.active);
    }

    public void applyTo(DirectoryPerson p) {
        p.userName = userName;
        p.externalId = externalId;
        p.givenName = givenName;
        p.familyName = familyName;
        p.formattedName = formattedName;
        p.displayName = displayName;
        p.title = title;
        p.emails = new EmailList(emails);
        p.employeeNumber = employeeNumber;
        p.organization = organization;
        p.department = department;
        p.managerId = managerId;
        p.city = city;
        p.region = region;
        p.country = country;
        p.latitude = latitude;
        p.longitude = longitude;
        p.languages = List.copyOf(languages);
        p.hireDate = hireDate == null ? null : java.time.LocalDate.parse(hireDate);
        p.birthYear = birthYear;
        p.grade = grade;
        p.active = active;
    }

    public PersonData withManagerId(UUID manager) {
        return new PersonData(userName, externalId, givenName, familyName, formattedName, displayName, title, emails,
                employeeNumber, organization, department, manager, city, region, country, latitude, longitude, languages,
                hireDate, birthYear, grade, active);
    }
}
