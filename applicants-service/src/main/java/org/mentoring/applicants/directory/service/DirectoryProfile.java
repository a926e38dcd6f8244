package org.mentoring.applicants.directory.service;

import java.util.List;
import java.util.UUID;

/**
 * What the rest of applicants-service needs to know about an active person in the HRIS directory:
 * institute, reporting line (manager chain from the direct manager upwards), location, languages and seniority
 * (hire date, birth year, grade).
 */
public record DirectoryProfile(
        UUID personId,
        String userName,
        String displayName,
        String employeeNumber,
        String organization,
        String department,
        List<UUID> managerChain,
        String city,
        String region,
        String country,
        Double latitude,
        Double longitude,
        List<String> languages,
        java.time.LocalDate hireDate,
        Integer birthYear,
        String grade) {
}
