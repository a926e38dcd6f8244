package org.mentoring.applicants.application.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.applicants.application.model.ApplicantRole;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.ApplicationStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Application")
public record ApplicationView(
        UUID id,
        UUID programmeId,
        String applicantId,
        ApplicantRole role,
        ApplicationStatus status,
        String institute,
        List<String> languages,
        List<String> topics,
        List<String> meetingFormats,
        String motivation,
        String privacyPolicyVersion,
        Instant submittedAt,
        Instant updatedAt) {

    public static ApplicationView of(Application a) {
        return new ApplicationView(a.id, a.programmeId, a.applicantId, a.role, a.status, a.institute, a.languages,
                a.topics, a.meetingFormats, a.motivation, a.privacyPolicyVersion, a.submittedAt, a.updatedAt);
    }
}
