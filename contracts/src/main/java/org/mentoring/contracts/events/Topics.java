package org.mentoring.contracts.events;

/** Kafka topics, one per publishing service. */
public final class Topics {

    public static final String APPLICANTS = "mentoring.applicants.v1";
    public static final String MATCHING = "mentoring.matching.v1";
    public static final String AGREEMENTS = "mentoring.agreements.v1";
    public static final String SESSIONS = "mentoring.sessions.v1";
    public static final String NOTIFICATIONS = "mentoring.notifications.v1";
    /**
     * Contact details of directory people (applicants-service), compacted and keyed by person id: only
     * notifications-service reads it, so that e-mail addresses reach no other service.
     */
    public static final String CONTACTS = "mentoring.contacts.v1";

    private Topics() {
    }

    /** Where a consumer sends the records it cannot process, so that it does not stall. */
    public static String deadLetter(String consumerService, String topic) {
        return consumerService + ".dlq." + topic;
    }
}
