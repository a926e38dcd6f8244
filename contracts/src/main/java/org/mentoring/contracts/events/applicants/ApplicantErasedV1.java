package org.mentoring.contracts.events.applicants;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code mentoring.applicant.erased.v1}: a person's data was erased in applicants-service.
 * Every service scrubs what it holds about {@code applicantId} and keeps only aggregates.
 */
public record ApplicantErasedV1(String applicantId, List<UUID> applicationIds, Instant erasedAt) {
}
