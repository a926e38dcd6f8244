package org.mentoring.matching.engine;

/** How a person is willing to meet. A person offering only {@link #IN_PERSON} requires in-person meetings. */
public enum MeetingFormat {
    IN_PERSON,
    ONLINE
}
