package org.mentoring.contracts.events;

import java.util.List;

/**
 * Every event type the platform publishes. A type ends in its version; a change that breaks a
 * consumer is a new type with the next version, and its JSON Schema lives beside the old one in
 * {@code schemas/<type>.json}.
 */
public final class EventTypes {

    public static final String APPLICATION_SUBMITTED = "mentoring.application.submitted.v1";

    /** All published types: each must have a schema (checked by the contracts' tests). */
    public static final List<String> ALL = List.of(APPLICATION_SUBMITTED);

    private EventTypes() {
    }

    /** Classpath resource of the JSON Schema of an event type's {@code data}. */
    public static String schemaResource(String type) {
        return "schemas/" + type + ".json";
    }

    /** Value of the CloudEvents {@code dataschema} attribute for a type. */
    public static String schemaUri(String type) {
        return "urn:mentoring:schema:" + type;
    }
}
