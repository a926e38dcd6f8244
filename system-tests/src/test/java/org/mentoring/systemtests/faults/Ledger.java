package org.mentoring.systemtests.faults;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the traffic was told happened: every write that got a 2xx (or, after an answer was lost, was found done when
 * read back). The invariants hold the services to it.
 */
final class Ledger {

    /** A pair both people accepted. */
    record Match(UUID matchId, UUID programmeId, UUID menteeApplication, UUID mentorApplication, String menteeSubject,
                 String mentorSubject) {
    }

    /** A person erased, with their applications. */
    record Erasure(String subject, List<UUID> applications) {
    }

    /** Programmes by their unique name. */
    final Map<String, UUID> programmes = new ConcurrentHashMap<>();
    /** Applications submitted, with their programme. */
    final Map<UUID, UUID> applications = new ConcurrentHashMap<>();
    /** Applications accepted by the admin. */
    final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    final Map<UUID, Match> matches = new ConcurrentHashMap<>();
    /** Agreements both signed (started weeks ago, so the cadence check reminds and flags them). */
    final Set<UUID> activeAgreements = ConcurrentHashMap.newKeySet();
    final Map<String, Erasure> erasures = new ConcurrentHashMap<>();
    /** Erasures asked for (answered or not): their applications may leave the pool any time. */
    final Map<String, Erasure> erasing = new ConcurrentHashMap<>();
    /** Writes whose answer was lost and that were then found done (their retry met the first's effect). */
    final AtomicLong resolvedAfterLostAnswer = new AtomicLong();
    final AtomicLong flowsCompleted = new AtomicLong();
    final AtomicLong flowsAbandoned = new AtomicLong();

    /** A copy taken when a fault ends: what must have arrived everywhere once the stack has converged. */
    record Snapshot(Map<String, UUID> programmes, Map<UUID, UUID> applications, Set<UUID> accepted,
                    Map<UUID, Match> matches, Set<UUID> activeAgreements, Map<String, Erasure> erasures) {

        /** Applications of erased people: out of every pool. */
        Set<UUID> erasedApplications() {
            Set<UUID> erased = new java.util.HashSet<>();
            erasures.values().forEach(e -> erased.addAll(e.applications()));
            return erased;
        }

        int facts() {
            return programmes.size() + applications.size() + accepted.size() + matches.size() + activeAgreements.size()
                    + erasures.size();
        }
    }

    Snapshot snapshot() {
        // Erasures last: whatever was accepted before a person was erased is then known to be out of the pool.
        Map<UUID, UUID> submitted = Map.copyOf(applications);
        Set<UUID> acceptedNow = Set.copyOf(accepted);
        Map<UUID, Match> confirmed = Map.copyOf(matches);
        Map<String, UUID> created = Map.copyOf(programmes);
        Set<UUID> active = Set.copyOf(activeAgreements);
        return new Snapshot(created, submitted, acceptedNow, confirmed, active, Map.copyOf(erasures));
    }

    /** Applications of people whose erasure was asked for, answered or not (they may leave the pool at any time). */
    Set<UUID> leavingThePool() {
        Set<UUID> leaving = new java.util.HashSet<>();
        erasing.values().forEach(e -> leaving.addAll(e.applications()));
        erasures.values().forEach(e -> leaving.addAll(e.applications()));
        return leaving;
    }
}
