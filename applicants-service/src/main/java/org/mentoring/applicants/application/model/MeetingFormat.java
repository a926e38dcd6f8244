package org.mentoring.applicants.application.model;

public enum MeetingFormat {
    IN_PERSON, ONLINE
}
