package org.mentoring.applicants.programme.service;

import org.mentoring.applicants.programme.model.Programme;

import java.time.Instant;
import java.util.List;

/**
 * What an admin defines when creating or replacing a programme, as {@link ProgrammeService} takes it. Settings left
 * null take the defaults (six-month agreements, meetings every 14 days, {@link Programme.MatchingSettings#DEFAULTS}).
 */
public record ProgrammeDefinition(
        String name,
        String description,
        Instant applicationOpensAt,
        Instant applicationClosesAt,
        List<Programme.Topic> topics,
        Integer defaultAgreementMonths,
        Integer meetingCadenceDays,
        MatchingChoices matching) {

    /** The admin's choices for matching; each null one, and null weights, takes the default. */
    public record MatchingChoices(
            Programme.Weights weights,
            Integer hierarchyExclusionLevels,
            Integer maxInPersonDistanceKm,
            Integer mentorCapacity,
            Integer minSeniorityGapYears) {
    }
}
