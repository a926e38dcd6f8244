package org.mentoring.applicants;

import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests the applicants tests share. */
final class ApplicantsFixtures {

    private ApplicantsFixtures() {
    }

    static String openProgramme(String adminToken, Map<String, Object> body) {
        String id = given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        var read = given().auth().oauth2(adminToken).get("/api/v1/programmes/{id}", id).then().statusCode(200).extract();
        String etag = read.header("ETag");
        assertThat(read.<String>path("etag")).as("the etag property is the ETag header").isEqualTo(etag).isNotBlank();
        given().auth().oauth2(adminToken).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("to", "OPEN"))
                .post("/api/v1/programmes/{id}/transitions", id).then().statusCode(200);
        return id;
    }

    static Map<String, Object> programme(String name) {
        return Map.of(
                "name", name,
                "topics", List.of(
                        Map.of("code", "social-media", "label", "Social media"),
                        Map.of("code", "ai-tools", "label", "AI tools at work"),
                        Map.of("code", "hybrid-work", "label", "Hybrid work")));
    }

    static Map<String, Object> application(String role) {
        return Map.of(
                "role", role,
                "institute", "Institute of Physics",
                "location", Map.of("city", "Berlin", "country", "DE", "latitude", 52.52, "longitude", 13.405),
                "languages", List.of("de", "en"),
                "topics", List.of("ai-tools", "social-media"),
                "meetingFormats", List.of("IN_PERSON", "ONLINE"),
                "availabilityHoursPerMonth", 4,
                "yearsOfExperience", 22,
                "motivation", "I want to learn how my team works.",
                "consent", Map.of("privacyPolicyVersion", "2026-10", "accepted", true));
    }
}
