package org.mentoring.applicants.programme.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a programme (cohort): DRAFT -> OPEN -> CLOSED -> IN_PROGRESS -> COMPLETED, or CANCELLED
 * from any state before COMPLETED. A CLOSED programme may be reopened to take late applications.
 */
public enum ProgrammeStatus {
    DRAFT, OPEN, CLOSED, IN_PROGRESS, COMPLETED, CANCELLED;

    public Set<ProgrammeStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(OPEN, CANCELLED);
            case OPEN -> EnumSet.of(CLOSED, CANCELLED);
            case CLOSED -> EnumSet.of(OPEN, IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(ProgrammeStatus.class);
        };
    }

    /** Whether the programme's content and settings may still change. */
    public boolean editable() {
        return this == DRAFT || this == OPEN || this == CLOSED;
    }
}
