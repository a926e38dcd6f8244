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
import org.mentoring.contracts.events.Revisions;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.LocationV1;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import java.util.Map;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import org.mentoring.contracts.events.agreements.AgreementV1;
import org.mentoring.contracts.events.applicants.InterviewV1;
import org.mentoring.contracts.events.directory.ContactV1;
import org.mentoring.contracts.events.directory.DirectoryPersonV1;
import org.mentoring.contracts.events.matching.MatchV1;
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
    void programmeSnapshotAsProducedIsValid() {
        ProgrammeV1 data = new ProgrammeV1(UUID.randomUUID(), "Cohort", "OPEN", Instant.now(), null, 6, 14,
                List.of(new ProgrammeV1.Topic("ai-tools", "AI tools")),
                new ProgrammeV1.MatchingSettings(new ProgrammeV1.Weights(0.5, 0.2, 0.2, 0.1), 2, 50, 1, 5), Instant.now(), 3L,
                new ProgrammeV1.Team(List.of("owner-1"), List.of("co-admin-1", "co-admin-2")));
        assertThat(schema(EventTypes.schemaResource(EventTypes.PROGRAMME_OPENED)).validate(MAPPER.valueToTree(data))).isEmpty();
    }

    @Test
    void matchDirectoryAndAgreementSnapshotsAsProducedAreValid() {
        UUID a = UUID.randomUUID();
        MatchV1 match = new MatchV1(UUID.randomUUID(), UUID.randomUUID(), null, "CONFIRMED",
                new MatchV1.Party(a, "user-1", "Eva", "Physics"), new MatchV1.Party(UUID.randomUUID(), "user-2", null, null),
                List.of("ai-tools"), "ONLINE", new MatchV1.AgreementDefaults(6, 14), 0.8, null, Instant.now());
        assertThat(schema(EventTypes.schemaResource(EventTypes.MATCH_CONFIRMED)).validate(MAPPER.valueToTree(match))).isEmpty();

        DirectoryPersonV1 person = new DirectoryPersonV1(UUID.randomUUID(), "eva", "ext-1", "Eva", "E-1", "Physics", "Optics",
                UUID.randomUUID(), List.of(UUID.randomUUID()), new LocationV1("Berlin", null, "DE", 52.5, 13.4), List.of("de"), true,
                Instant.now());
        assertThat(schema(EventTypes.schemaResource(EventTypes.DIRECTORY_PERSON_UPSERTED)).validate(MAPPER.valueToTree(person))).isEmpty();

        AgreementV1 agreement = new AgreementV1(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "TERMINATED", 2, 3,
                new AgreementV1.Party(a, "user-1", "Eva"), new AgreementV1.Party(UUID.randomUUID(), "user-2", null),
                List.of("ai-tools"), LocalDate.now(), LocalDate.now().plusMonths(6), 14, 1, "IN_PERSON",
                new AgreementV1.Ending("MENTEE", "TIME", true, LocalDate.now(), Instant.now()), Instant.now(), 7L);
        assertThat(schema(EventTypes.schemaResource(EventTypes.AGREEMENT_TERMINATED)).validate(MAPPER.valueToTree(agreement))).isEmpty();
    }

    @Test
    void contactsAndInterviewsAsProducedAreValid() {
        JsonSchema contact = schema(EventTypes.schemaResource(EventTypes.DIRECTORY_CONTACT_CHANGED));
        UUID person = UUID.randomUUID();
        assertThat(contact.validate(MAPPER.valueToTree(new ContactV1(person, "eva@example.org",
                Instant.now())))).isEmpty();
        assertThat(contact.validate(MAPPER.valueToTree(new ContactV1(person, null, Instant.now()))))
                .as("a forgotten address").isEmpty();
        assertThat(contact.validate(MAPPER.valueToTree(new ContactV1(person, "no address",
                Instant.now())))).isNotEmpty();

        JsonSchema interview = schema(EventTypes.schemaResource(EventTypes.APPLICATION_INTERVIEW_REQUESTED));
        InterviewV1 data = new InterviewV1(
                UUID.randomUUID(), UUID.randomUUID(), "user-1", Instant.now().plusSeconds(3600), 20, null, Instant.now());
        assertThat(interview.validate(MAPPER.valueToTree(data))).isEmpty();
        ObjectNode noTime = MAPPER.valueToTree(data);
        noTime.remove("scheduledAt");
        assertThat(interview.validate(noTime)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("scheduledAt"));
    }

    @Test
    void webhookDisabledAsProducedIsValid() {
        org.mentoring.contracts.events.notifications.WebhookDisabledV1 data = new org.mentoring.contracts.events.notifications.WebhookDisabledV1(
                UUID.randomUUID(), "hr-system", "https://hr.example.com/hooks", "FAILING", Instant.now().minusSeconds(60), Instant.now());
        JsonSchema schema = schema(EventTypes.schemaResource(EventTypes.WEBHOOK_DISABLED));
        assertThat(schema.validate(MAPPER.valueToTree(data))).isEmpty();
        ObjectNode wrong = MAPPER.valueToTree(data);
        wrong.put("reason", "BORED");
        assertThat(schema.validate(wrong)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("reason"));
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

    @Test
    void revisionIsOptionalSoEventsPublishedBeforeItStillValidateAndParse() throws Exception {
        JsonSchema schema = schema(EventTypes.schemaResource(EventTypes.APPLICATION_UPDATED));
        ObjectNode data = (ObjectNode) MAPPER.valueToTree(submittedEvent()).get("data").deepCopy();
        assertThat(data.get("revision").asLong()).isZero();
        data.remove("revision");
        assertThat(schema.validate(data)).isEmpty();
        assertThat(MAPPER.treeToValue(data, ApplicationV1.class).revision()).isNull();
        data.putNull("revision");
        assertThat(schema.validate(data)).isEmpty();
        data.put("revision", -1);
        assertThat(schema.validate(data)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("revision"));
        data.put("revision", "7");
        assertThat(schema.validate(data)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("revision"));

        for (String type : List.of(EventTypes.PROGRAMME_UPDATED, EventTypes.AGREEMENT_AMENDED)) {
            JsonNode properties = schema(EventTypes.schemaResource(type)).getSchemaNode().get("properties");
            assertThat(properties.has("revision")).as(type).isTrue();
            assertThat(schema(EventTypes.schemaResource(type)).getSchemaNode().get("required").toString()).doesNotContain("revision");
        }
    }

    @Test
    void anOlderSnapshotIsToldByItsRevisionAndWithoutOneByItsChangedAt() {
        Instant earlier = Instant.parse("2025-03-01T10:00:00Z");
        Instant later = earlier.plusSeconds(1);
        // revisions win over clocks: a later clock with a lower revision is still older
        assertThat(Revisions.isOlder(4L, later, 5L, earlier)).isTrue();
        assertThat(Revisions.isOlder(5L, earlier, 4L, later)).isFalse();
        assertThat(Revisions.isOlder(5L, earlier, 5L, earlier)).isFalse();
        // an event or a row without revision: the clocks decide
        assertThat(Revisions.isOlder(null, earlier, 5L, later)).isTrue();
        assertThat(Revisions.isOlder(6L, earlier, null, later)).isTrue();
        assertThat(Revisions.isOlder(null, later, null, earlier)).isFalse();
        assertThat(Revisions.isOlder(null, earlier, null, earlier)).isFalse();
        // nothing to compare: applied
        assertThat(Revisions.isOlder(null, null, 5L, later)).isFalse();
        assertThat(Revisions.isOlder(1L, earlier, null, null)).isFalse();
    }

    private static CloudEvent submittedEvent() {
        UUID applicationId = UUID.randomUUID();
        ApplicationV1 data = new ApplicationV1(applicationId, UUID.randomUUID(), "user-1", "MENTOR", "SUBMITTED",
                "Mia Mentor", "Institute for Data Science", "Data Lab", UUID.randomUUID(), List.of(UUID.randomUUID()),
                new LocationV1("Berlin", "Berlin", "DE", 52.52, 13.40), List.of("en"), List.of("ai-tools"), List.of("ONLINE"),
                8, 3, Map.of("generation", "Gen Z"), null, Instant.now(), Instant.now(), 0L, 2,
                new ApplicationV1.WeeklyAvailability(List.of("TUESDAY", "THURSDAY"), "09:00", "17:30", "Europe/Berlin"));
        return CloudEvent.of(EventTypes.APPLICATION_SUBMITTED, "/mentoring/applicants-service", applicationId.toString(),
                MAPPER.valueToTree(data));
    }

    private static JsonSchema schema(String resource) {
        InputStream in = EventSchemasTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(in).as(resource).isNotNull();
        return FACTORY.getSchema(in, CONFIG);
    }
}
