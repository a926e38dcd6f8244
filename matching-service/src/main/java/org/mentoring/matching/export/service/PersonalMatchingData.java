package org.mentoring.matching.export.service;

import org.mentoring.matching.pool.model.Candidate;
import org.mentoring.matching.proposal.service.ParticipantProposals;

import java.time.Instant;
import java.util.List;

/**
 * Everything matching-service holds about one person, as read for their export: their pool entries (oldest first) and
 * the proposals they may see, each with the partner's name as the participant view shows it.
 */
public record PersonalMatchingData(String subject, Instant exportedAt, List<Candidate> poolEntries,
                                   List<ParticipantProposals.Seen> proposals) {
}
