package org.mentoring.applicants.application.model;

/** An application is live while SUBMITTED, IN_REVIEW, ACCEPTED or MATCHED. */
public enum ApplicationStatus {
    SUBMITTED, IN_REVIEW, ACCEPTED, REJECTED, WITHDRAWN, MATCHED, COMPLETED
}
