package org.mentoring.applicants.directory.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
        @Schema(nullable = true) String employeeNumber,
        @Schema(nullable = true) String organization,
        @Schema(nullable = true) String department,
        List<UUID> managerChain,
        @Schema(nullable = true) String city,
        @Schema(nullable = true) String region,
        @Schema(nullable = true) String country,
        @Schema(nullable = true) Double latitude,
        @Schema(nullable = true) Double longitude,
        List<String> languages,
        @Schema(nullable = true) java.time.LocalDate hireDate,
        @Schema(nullable = true) Integer birthYear,
        @Schema(nullable = true) String grade) {
}
