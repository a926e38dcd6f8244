package org.mentoring.contracts.events.applicants;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of every {@code mentoring.programme.*.v1} event: the programme after the change.
 *
 * @param revision the programme's version at applicants-service, growing with every change: a consumer keeps the newest
 *                 it applied and skips older snapshots (see {@link org.mentoring.contracts.events.Revisions}); null in
 *                 events published before the field existed
 * @param team     who administers the programme: every service lets only these people act as the programme's admins;
 *                 null in events published before the field existed (then no one administers it until the next change)
 */
public record ProgrammeV1(
        UUID programmeId,
        String name,
        String status,
        Instant applicationOpensAt,
        Instant applicationClosesAt,
        int defaultAgreementMonths,
        int meetingCadenceDays,
        List<Topic> topics,
        MatchingSettings matching,
        Instant changedAt,
        Long revision,
        Team team) {

    /** A snapshot without a team, as published before programmes had teams. */
    public ProgrammeV1(UUID programmeId, String name, String status, Instant applicationOpensAt, Instant applicationClosesAt,
                       int defaultAgreementMonths, int meetingCadenceDays, List<Topic> topics, MatchingSettings matching,
                       Instant changedAt, Long revision) {
        this(programmeId, name, status, applicationOpensAt, applicationClosesAt, defaultAgreementMonths, meetingCadenceDays,
                topics, matching, changedAt, revision, null);
    }

    /**
     * The programme's administrators, by the {@code sub} of their tokens: owners run the programme and manage its team;
     * co-admins run it with them. Nobody else acts as its admin, whatever roles their token carries.
     *
     * @param adminAccess how the team and HR systems may read the participants' personal data: {@link #OPEN} (every
     *                    read is recorded in the access log), {@link #AUDITED} (recorded, and each read must say why)
     *                    or {@link #DISABLED} (not at all; the programme is run by its figures and commands). OPEN
     *                    when absent, as in events published before the setting existed.
     */
    public record Team(List<String> owners, List<String> coAdmins, String adminAccess) {

        public static final String OPEN = "OPEN";
        public static final String AUDITED = "AUDITED";
        public static final String DISABLED = "DISABLED";
        public static final List<String> ADMIN_ACCESS = List.of(OPEN, AUDITED, DISABLED);

        public Team {
            owners = owners == null ? List.of() : List.copyOf(owners);
            coAdmins = coAdmins == null ? List.of() : List.copyOf(coAdmins);
            adminAccess = adminAccess == null ? OPEN : adminAccess;
        }

        /** A team whose admin access is {@link #OPEN}. */
        public Team(List<String> owners, List<String> coAdmins) {
            this(owners, coAdmins, OPEN);
        }

        public static final Team NONE = new Team(List.of(), List.of());
    }

    public record Topic(String code, String label) {
    }

    /** The programme's matching rules and weights. */
    public record MatchingSettings(
            Weights weights,
            int hierarchyExclusionLevels,
            int maxInPersonDistanceKm,
            int mentorCapacity,
            int minSeniorityGapYears) {
    }

    public record Weights(double topicFit, double proximity, double availability, double diversity) {
    }
}
