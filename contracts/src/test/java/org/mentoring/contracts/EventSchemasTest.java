package org.mentoring.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.events.CloudEvent;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.applicants.ApplicationSubmittedV1;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every published type has a schema, and what the producers write satisfies it. */
class EventSchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @Test
    void everyEventTypeHasASchemaNamingItself() {
        for (String type : EventTypes.ALL) {
            JsonSchema schema = schema(EventTypes.schemaResource(type));
            assertThat(schema.getSchemaNode().get("$id").asText()).isEqualTo(EventTypes.schemaUri(type));
        }
    }

    @Test
    void applicationSubmittedAsProducedIsValid() {
        JsonNode event = MAPPER.valueToTree(submittedEvent());
        assertThat(schema("schemas/cloudevent-envelope.json").validate(event)).isEmpty();
        assertThat(schema(EventTypes.schemaResource(EventTypes.APPLICATION_SUBMITTED)).validate(event.get("data"))).isEmpty();
    }

    @Test
    void schemasRejectWhatAConsumerCouldNotUse() {
        JsonNode event = MAPPER.valueToTree(submittedEvent());
        ObjectNode data = (ObjectNode) event.get("data").deepCopy();
        data.remove("applicantId");
        data.put("role", "BOSS");
        Set<ValidationMessage> errors = schema(EventTypes.schemaResource(EventTypes.APPLICATION_SUBMITTED)).validate(data);
        assertThat(errors).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("applicantId"))
                .anyMatch(m -> m.contains("role"));

        ObjectNode envelope = event.deepCopy();
        envelope.put("id", "not-a-uuid");
        envelope.put("type", "application.submitted");
        assertThat(schema("schemas/cloudevent-envelope.json").validate(envelope)).hasSizeGreaterThanOrEqualTo(2);
    }

    private static CloudEvent submittedEvent() {
        UUID applicationId = UUID.randomUUID();
        ApplicationSubmittedV1 data = new ApplicationSubmittedV1(applicationId, UUID.randomUUID(), "user-1", "MENTOR",
                "Mia Mentor", "Institute for Data Science", List.of("en"), List.of("ai-tools"), List.of("ONLINE"), Instant.now());
        return CloudEvent.of(EventTypes.APPLICATION_SUBMITTED, "/mentoring/applicants-service", applicationId.toString(),
                MAPPER.valueToTree(data));
    }

    private static JsonSchema schema(String resource) {
        InputStream in = EventSchemasTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(in).as(resource).isNotNull();
        return FACTORY.getSchema(in, CONFIG);
    }
}
