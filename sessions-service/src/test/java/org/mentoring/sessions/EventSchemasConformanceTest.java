package org.mentoring.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.Topics;
import org.mentoring.testsupport.KafkaRecords;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mentoring.sessions.SessionsFixtures.ADMIN;
import static org.mentoring.sessions.SessionsFixtures.newPair;

/** Every event sessions-service publishes is a CloudEvent whose data follows the JSON Schema named by its dataschema. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class EventSchemasConformanceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @Test
    void publishedEventsFollowTheirSchemas() throws Exception {
        SessionsFixtures.Pair pair = newPair();
        SessionsFixtures.agreement(pair, "mentoring.agreement.activated.v1", "ACTIVE", 0, LocalDate.now().minusDays(30), 14, Instant.now());
        given().auth().oauth2(ADMIN).post("/api/v1/meetings/cadence-check").then().statusCode(200);
        String held = SessionsFixtures.heldMeeting(pair);
        given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON).body(Map.of("rating", 3, "comment", "ok"))
                .post("/api/v1/meetings/{id}/feedback", held).then().statusCode(201);

        List<String> types = List.of("mentoring.meeting.scheduled.v1", "mentoring.meeting.held.v1",
                "mentoring.meeting.feedback-submitted.v1", "mentoring.pair.reminded.v1", "mentoring.pair.at-risk.v1");
        for (String type : types) {
            String key = type.startsWith("mentoring.pair.") ? pair.agreementId().toString() : held;
            ConsumerRecord<String, String> record = KafkaRecords.await(Topics.SESSIONS,
                    r -> key.equals(r.key()) && r.value().contains("\"type\":\"" + type + "\""), Duration.ofSeconds(30));
            JsonNode event = MAPPER.readTree(record.value());
            assertThat(schema("schemas/cloudevent-envelope.json").validate(event)).as(type + " envelope").isEmpty();
            String dataschema = event.get("dataschema").asText();
            assertThat(dataschema).startsWith("urn:mentoring:schema:");
            String name = dataschema.substring("urn:mentoring:schema:".length());
            assertThat(schema("schemas/" + name + ".json").validate(event.get("data"))).as(type + " data").isEmpty();
        }
    }

    private static JsonSchema schema(String resource) {
        InputStream in = EventSchemasConformanceTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(in).as(resource).isNotNull();
        return FACTORY.getSchema(in, CONFIG);
    }
}
