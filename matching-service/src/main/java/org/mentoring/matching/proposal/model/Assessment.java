package org.mentoring.matching.proposal.model;

import java.util.List;

/** Why a pair scores what it scores and which hard rules it passed (or, for an admin override, broke). */
public record Assessment(
        double topicFit,
        double proximity,
        double availability,
        double diversity,
        List<String> rulesPassed,
        List<String> rulesBroken,
        String meetingMode,
        Double distanceKm,
        boolean canMeetInPerson,
        List<String> sharedTopics,
        List<String> sharedLanguages) {
}
