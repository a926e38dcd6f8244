package org.mentoring.matching.export.rest;

import org.mentoring.matching.engine.Role;
import org.mentoring.matching.engine.MeetingFormat;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.matching.export.service.PersonalMatchingData;
import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.proposal.rest.ParticipantProposalView;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What matching-service holds about one person, for their export. */
@Schema(name = "MatchingExport", description = "What matching-service holds about the caller: their entries in matching pools, "
        + "as kept from their applications, and the proposals that concern them in the participant view (never the score, its "
        + "components, the distance, the rules checked or an admin's reasons)")
public record MatchingExport(
        @Schema(required = true, description = "The token's subject") String subject,
        @Schema(required = true) Instant exportedAt,
        @Schema(required = true) List<PoolEntry> poolEntries,
        @Schema(required = true) List<ParticipantProposalView> proposals) {

    /** The export document of what the service read: pool entries in their order, proposals in the participant view. */
    public static MatchingExport of(PersonalMatchingData data) {
        return new MatchingExport(data.subject(), data.exportedAt(), data.poolEntries().stream().map(PoolEntry::of).toList(),
                data.proposals().stream().map(ParticipantProposalView::of).toList());
    }

    /** One of the person's own applications as the matching pool keeps it: everything it holds, since all of it is theirs. */
    @Schema(name = "MatchingPoolEntry", description = "The caller's entry in one programme's matching pool")
    public record PoolEntry(
            UUID applicationId,
            UUID programmeId,
            @Schema(implementation = Role.class) String role,
            @Schema(description = "Where the application stands, as applicants-service last reported it",
                    implementation = org.mentoring.matching.pool.model.ApplicationStatus.class) String applicationStatus,
            @Schema(nullable = true) String displayName,
            String institute,
            @Schema(nullable = true) String department,
            @Schema(nullable = true) UUID directoryPersonId,
            @Schema(description = "Directory ids of the reporting line, from the direct manager upwards", nullable = true) List<UUID> managerChain,
            Location location,
            @Schema(nullable = true) List<String> languages,
            List<String> topics,
            @Schema(type = SchemaType.ARRAY, implementation = MeetingFormat.class) List<String> meetingFormats,
            @Schema(nullable = true) Integer availabilityHoursPerMonth,
            @Schema(nullable = true) Integer yearsOfExperience,
            @Schema(description = "Only the attributes the person consented to use in matching", nullable = true) Map<String, String> diversity,
            Instant submittedAt,
            @Schema(description = "When the pool took the application in") Instant enteredAt,
            Instant updatedAt) {

        public static PoolEntry of(Candidate c) {
            return new PoolEntry(c.applicationId, c.programmeId, c.role, c.applicationStatus, c.displayName, c.institute, c.department,
                    c.directoryPersonId, c.managerChain, new Location(c.city, c.region, c.country, c.latitude, c.longitude),
                    c.languages, c.topics, c.meetingFormats, c.availabilityHoursPerMonth, c.yearsOfExperience,
                    c.diversity == null ? null : c.diversity.attributes(), c.submittedAt, c.enteredAt, c.updatedAt);
        }
    }

    @Schema(name = "MatchingPoolLocation")
    public record Location(@Schema(nullable = true) String city, @Schema(nullable = true) String region, @Schema(nullable = true) String country,
                           @Schema(nullable = true) Double latitude, @Schema(nullable = true) Double longitude) {
    }
}
