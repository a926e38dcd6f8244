package org.mentoring.matching.proposal.model;

import org.mentoring.matching.engine.MeetingMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;

/** Why a pair scores what it scores and which hard rules it passed (or, for an admin override, broke). */
public record Assessment(
        double topicFit,
        double proximity,
        double availability,
        double diversity,
        List<String> rulesPassed,
        List<String> rulesBroken,
        @Schema(implementation = MeetingMode.class) String meetingMode,
        @Schema(description = "Null when the distance is not known (a location is missing)", nullable = true) Double distanceKm,
        boolean canMeetInPerson,
        @Schema(nullable = true) List<String> sharedTopics,
        @Schema(nullable = true) List<String> sharedLanguages) {
}
