package org.mentoring.applicants.programme.model;

/** Lifecycle of a programme (cohort): DRAFT -> OPEN -> CLOSED -> IN_PROGRESS -> COMPLETED, or CANCELLED. */
public enum ProgrammeStatus {
    DRAFT, OPEN, CLOSED, IN_PROGRESS, COMPLETED, CANCELLED
}
