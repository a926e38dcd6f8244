package org.mentoring.sessions.report;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;
import org.mentoring.testsupport.TestTokens;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class ReportSmallCountsTest {

    @Test
    void hrCannotWorkOutTheOnePairThatCompletedAsThePairsMinusTheActiveOnes() {
        UUID programme = UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            SessionsFixtures.Pair pair = SessionsFixtures.newPair(programme);
            SessionsFixtures.agreement(pair, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(3), 14,
                    Instant.now());
            if (i == 0) {
                SessionsFixtures.agreement(pair, "mentoring.agreement.completed.v1", "COMPLETED", 0, LocalDate.now().minusDays(3), 14,
                        Instant.now());
            }
        }

        // 7 pairs, 6 active and 1 completed: the completed one is hidden, and the active ones with it, as 7 - 6 would tell it
        given().auth().oauth2(TestTokens.token("hr-system", TestTokens.HR_INTEGRATION))
                .get("/api/v1/meetings/reports/programmes/{id}", programme).then().statusCode(200)
                .body("pairs.value", equalTo(7)).body("pairs.groupSize", equalTo(14))
                .body("outcomes.completed.value", nullValue()).body("outcomes.completed.suppressed", equalTo(true))
                .body("outcomes.active.value", nullValue()).body("outcomes.active.suppressed", equalTo(true))
                .body("outcomes.active.groupSize", equalTo(0))
                .body("outcomes.endedEarly.value", equalTo(0))
                .body("pairsByMeetingsHeld.'0'.value", equalTo(7))
                .body("suppressed[0]", equalTo("outcomes.completed")).body("suppressed[1]", equalTo("outcomes.active"))
                .body("suppressed", not(hasItem("pairs")));
    }
}
