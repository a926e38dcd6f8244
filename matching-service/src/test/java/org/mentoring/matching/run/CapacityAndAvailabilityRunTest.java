package org.mentoring.matching.run;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.matching.MatchingFixtures;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A mentor's own capacity and everyone's weekly availability travel from the application events into the pool and
 * shape a run's proposals: a mentor who takes one mentee gets one although the programme allows two, and nobody is
 * paired with someone they can never meet.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class CapacityAndAvailabilityRunTest {

    private final String admin = TestTokens.admin(MatchingFixtures.ADMIN);

    @Test
    void proposalsRespectOwnCapacityAndWeeklyAvailability() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programmeWithMentorCapacity(programme, "CLOSED", 2);
        // Monday mornings in Berlin, one mentee at most
        UUID mondayMentor = application(programme, "MENTOR", 3, 1, availability("MONDAY", "09:00", "12:00", "Europe/Berlin"));
        // Wednesday mornings in New York, the programme's two mentees
        UUID wednesdayMentor = application(programme, "MENTOR", 3, null,
                availability("WEDNESDAY", "08:00", "12:00", "America/New_York"));
        // within the Monday mentor's morning, all of it shared (10:00 London is 11:00 Berlin)
        UUID london = application(programme, "MENTEE", 25, null, availability("MONDAY", "10:00", "11:00", "Europe/London"));
        // one hour of three shared with the Monday mentor: fits, but worse than the London mentee
        UUID lateMonday = application(programme, "MENTEE", 25, null, availability("MONDAY", "11:00", "14:00", "Europe/Berlin"));
        // states no availability (an event as published before the field existed): meets any time
        UUID anyTime = application(programme, "MENTEE", 25, null, null);
        // Friday only: never at the same time as either mentor
        UUID friday = application(programme, "MENTEE", 25, null, availability("FRIDAY", "09:00", "10:00", "UTC"));
        MatchingFixtures.awaitPool(admin, programme, 6);

        JsonPath pool = given().auth().oauth2(admin).queryParam("limit", 50).get("/api/v1/programmes/{id}/pool", programme)
                .then().statusCode(200).extract().jsonPath();
        assertThat(pool.<Integer>get("items.find { it.applicationId == '%s' }.mentorCapacity".formatted(mondayMentor)))
                .isEqualTo(1);
        assertThat(pool.<Map<String, Object>>get("items.find { it.applicationId == '%s' }.availability".formatted(mondayMentor)))
                .containsEntry("weekdays", List.of("MONDAY")).containsEntry("from", "09:00").containsEntry("to", "12:00")
                .containsEntry("timeZone", "Europe/Berlin");
        assertThat(pool.<Object>get("items.find { it.applicationId == '%s' }.availability".formatted(anyTime))).isNull();

        String run = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("mode", "PREVIEW"))
                .post("/api/v1/programmes/{id}/matching-runs", programme).then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> List.of("COMPLETED", "FAILED")
                .contains(given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                        .then().statusCode(200).extract().<String>path("status")));
        JsonPath result = given().auth().oauth2(admin).get("/api/v1/programmes/{id}/matching-runs/{run}", programme, run)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("result.certifiedOptimal", equalTo(true))
                .extract().jsonPath();

        Map<String, String> mentorOf = new java.util.HashMap<>();
        List<Map<String, Object>> pairs = result.getList("result.pairs");
        for (Map<String, Object> pair : pairs) {
            mentorOf.put((String) pair.get("menteeApplicationId"), (String) pair.get("mentorApplicationId"));
            assertThat((List<String>) ((Map<String, Object>) pair.get("assessment")).get("rulesPassed"))
                    .contains("availability-overlap");
        }
        // the Monday mentor takes one mentee (the better fit), not the programme's two; the any-time mentee goes to
        // Wednesday; the Friday mentee meets nobody
        assertThat(mentorOf).containsExactlyInAnyOrderEntriesOf(Map.of(
                london.toString(), mondayMentor.toString(),
                anyTime.toString(), wednesdayMentor.toString()));

        assertThat(result.<String>get("result.unmatched.find { it.applicationId == '%s' }.reasonCode".formatted(friday)))
                .isEqualTo("availability-overlap");
        assertThat(result.<String>get("result.unmatched.find { it.applicationId == '%s' }.reason".formatted(friday)))
                .contains("weekly availability").contains("Fri 09:00-10:00 UTC");
        assertThat(result.<Integer>get("result.unmatched.find { it.applicationId == '%s' }.failingByRule['availability-overlap']"
                .formatted(friday))).isEqualTo(2);
        assertThat(result.<String>get("result.unmatched.find { it.applicationId == '%s' }.reasonCode".formatted(lateMonday)))
                .isEqualTo("candidates-taken");
    }

    @Test
    void aMalformedAvailabilityCountsAsAnyTimeAndAMenteeHasNoCapacity() {
        UUID programme = UUID.randomUUID();
        MatchingFixtures.programmeWithMentorCapacity(programme, "CLOSED", 2);
        UUID mentee = application(programme, "MENTEE", 25, 3, availability("MONDAY", "9 o'clock", "12:00", "Mars/Olympus"));
        MatchingFixtures.awaitPool(admin, programme, 1);

        given().auth().oauth2(admin).get("/api/v1/programmes/{id}/pool", programme).then().statusCode(200)
                .body("items[0].applicationId", equalTo(mentee.toString()))
                .body("items[0].mentorCapacity", nullValue())
                .body("items[0].availability", nullValue());
    }

    private static String availability(String weekday, String from, String to, String zone) {
        return """
                {"weekdays":["%s"],"from":"%s","to":"%s","timeZone":"%s"}""".formatted(weekday, from, to, zone);
    }

    /** An accepted application; capacity and availability are left out of the event when null, as in older events. */
    private static UUID application(UUID programme, String role, int years, Integer capacity, String availability) {
        UUID application = UUID.randomUUID();
        String extra = (capacity == null ? "" : ",\"mentorCapacity\":" + capacity)
                + (availability == null ? "" : ",\"availability\":" + availability);
        String json = """
                {"specversion":"1.0","id":"%s","source":"/mentoring/applicants-service","type":"mentoring.application.accepted.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicationId":"%s","programmeId":"%s","applicantId":"user-%s","role":"%s","status":"ACCEPTED",
                         "displayName":"P %s","institute":"%s","department":null,"directoryPersonId":null,"managerChain":[],
                         "location":{"city":"Berlin","region":null,"country":"DE","latitude":52.52,"longitude":13.4},
                         "languages":["en"],"topics":["ai-tools"],"meetingFormats":["ONLINE"],
                         "availabilityHoursPerMonth":4,"yearsOfExperience":%d,"diversity":null,"reason":null,
                         "submittedAt":"%s","changedAt":"%s","revision":1%s}}
                """.formatted(UUID.randomUUID(), application, Instant.now(), application, programme, application, role, application,
                "MENTEE".equals(role) ? "Physics" : "Data Science", years, Instant.now(), Instant.now(), extra);
        KafkaRecords.sendCloudEvent(Topics.APPLICANTS, application.toString(), json);
        return application;
    }
}
