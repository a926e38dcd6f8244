package org.mentoring.matching.pool.rest;

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
        String displayName,
        String role,
        String applicationStatus,
        String institute,
        List<String> languages,
        List<String> topics,
        List<String> meetingFormats,
        @Schema(description = "A mentor's own limit on mentees; absent: the programme's limit, which also caps it")
        Integer mentorCapacity,
        @Schema(description = "When the person can meet in a week; absent: any time")
        Candidate.WeeklyAvailability availability,
        Instant submittedAt,
        Instant enteredAt) {

    public static CandidateView of(Candidate c) {
        return new CandidateView(c.applicationId, c.programmeId, c.applicantId, c.displayName, c.role, c.applicationStatus,
                c.institute, c.languages, c.topics, c.meetingFormats, c.mentorCapacity, c.weeklyAvailability, c.submittedAt,
                c.enteredAt);
    }
}
