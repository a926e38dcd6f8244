package org.mentoring.matching.pool.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an application stands, as applicants-service reports it in its events; matching keeps it as text. */
@Schema(name = "ApplicationStatus")
public enum ApplicationStatus {
    SUBMITTED, IN_REVIEW, ACCEPTED, REJECTED, WITHDRAWN, MATCHED, COMPLETED
}
