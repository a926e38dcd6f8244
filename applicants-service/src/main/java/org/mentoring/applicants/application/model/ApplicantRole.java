package org.mentoring.applicants.application.model;

/** Juniors apply as MENTOR, seniors as MENTEE. */
public enum ApplicantRole {
    MENTOR, MENTEE
}
