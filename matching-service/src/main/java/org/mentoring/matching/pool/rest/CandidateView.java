package org.mentoring.matching.pool.rest;

import org.mentoring.matching.engine.Role;
import org.mentoring.matching.engine.MeetingFormat;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.matching.pool.model.Candidate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Candidate", description = "A person in a programme's matching pool")
public record CandidateView(
        UUID applicationId,
        UUID programmeId,
        String applicantId,
        @Schema(description = "Null when the pool does not know the name (after an erasure, say)", nullable = true) String displayName,
        @Schema(implementation = Role.class) String role,
        @Schema(implementation = org.mentoring.matching.pool.model.ApplicationStatus.class) String applicationStatus,
        String institute,
        @Schema(nullable = true) List<String> languages,
        List<String> topics,
        @Schema(type = SchemaType.ARRAY, implementation = MeetingFormat.class) List<String> meetingFormats,
        @Schema(description = "A mentor's own limit on mentees; null: the programme's limit, which also caps it", nullable = true)
        Integer mentorCapacity,
        @Schema(description = "When the person can meet in a week; null: any time", nullable = true)
        Candidate.WeeklyAvailability availability,
        Instant submittedAt,
        Instant enteredAt) {

    public static CandidateView of(Candidate c) {
        return new CandidateView(c.applicationId, c.programmeId, c.applicantId, c.displayName, c.role, c.applicationStatus,
                c.institute, c.languages, c.topics, c.meetingFormats, c.mentorCapacity, c.weeklyAvailability, c.submittedAt,
                c.enteredAt);
    }
}
