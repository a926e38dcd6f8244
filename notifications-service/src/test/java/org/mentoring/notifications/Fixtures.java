package org.mentoring.notifications;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.mentoring.testsupport.TestTokens;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

public final class Fixtures {

    public static final String PLATFORM_ADMIN = "platform-admin";

    private Fixtures() {
    }

    public static String hr(String subject) {
        return TestTokens.token(subject, TestTokens.HR_INTEGRATION);
    }

    /** A structured-mode CloudEvent as the services publish it. */
    public static String event(UUID id, String type, String subject, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/mentoring/test","type":"%s","subject":"%s","time":"%s",\
                "datacontenttype":"application/json","data":%s}""".formatted(id, type, subject, Instant.now(), data);
    }

    public static String agreementData(UUID agreementId, UUID programmeId, String mentee) {
        return """
                {"agreementId":"%s","programmeId":"%s","mentee":{"applicationId":"%s","subject":"%s"},"status":"ACTIVE"}"""
                .formatted(agreementId, programmeId, UUID.randomUUID(), mentee);
    }

    /** Creates a subscription and answers its JSON (with the secret). */
    public static JsonPath subscribe(String token, String url, List<String> types, UUID programmeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("eventTypes", types);
        if (programmeId != null) {
            body.put("programmeId", programmeId.toString());
        }
        body.put("description", "test");
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
    }
}
