package org.mentoring.contracts.events.applicants;

/** Where a person works; coordinates only when known. Country is ISO 3166-1 alpha-2. */
public record LocationV1(String city, String region, String country, Double latitude, Double longitude) {
}
