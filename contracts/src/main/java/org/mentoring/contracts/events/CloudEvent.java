package org.mentoring.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, as every service writes it to Kafka.
 * <p>
 * {@code subject} is the id of the aggregate the event is about; it is also the Kafka record key,
 * so that one aggregate's events stay in order on one partition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    /** Content type of a structured-mode CloudEvent, set as the Kafka {@code content-type} header. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** A new event with a random id, stamped now. */
    public static CloudEvent of(String type, String source, String subject, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID(), source, type, subject, Instant.now(),
                "application/json", EventTypes.schemaUri(type), data);
    }
}
