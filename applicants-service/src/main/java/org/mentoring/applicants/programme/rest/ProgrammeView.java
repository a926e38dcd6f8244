package org.mentoring.applicants.programme.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.applicants.programme.model.Programme;
import org.mentoring.applicants.programme.model.ProgrammeStatus;
import org.mentoring.platform.http.ETags;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Programme")
public record ProgrammeView(
        UUID id,
        @Schema(required = true, description = ETags.FIELD_DESCRIPTION, example = ETags.FIELD_EXAMPLE) String etag,
        String name,
        @Schema(nullable = true) String description,
        ProgrammeStatus status,
        @Schema(description = "When applications open; null until set", nullable = true) Instant applicationOpensAt,
        @Schema(description = "When applications close; null until set", nullable = true) Instant applicationClosesAt,
        List<Programme.Topic> topics,
        int defaultAgreementMonths,
        int meetingCadenceDays,
        Programme.MatchingSettings matching,
        Instant createdAt,
        Instant updatedAt) {

    public static ProgrammeView of(Programme p) {
        return new ProgrammeView(p.id, ETags.of(p.version), p.name, p.description, p.status, p.applicationOpensAt, p.applicationClosesAt,
                p.topics(), p.defaultAgreementMonths, p.meetingCadenceDays, p.matching, p.createdAt, p.updatedAt);
    }
}
