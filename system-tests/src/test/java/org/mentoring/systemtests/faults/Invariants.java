package org.mentoring.systemtests.faults;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The end-to-end invariants, read from each service's own database. {@link #check} holds the services to what the
 * traffic was told (a ledger snapshot): each missing fact is one violation with a stable key, so that a fact that
 * never arrives can be counted as lost once. {@link #quiescent} compares sources and projections as a whole once
 * the traffic has stopped.
 */
final class Invariants {

    static final String KEPT = "no 2xx write lost";
    static final String ONCE = "nothing created twice";
    static final String POOL = "every accepted application is in the pool exactly once";
    static final String AGREEMENT = "every confirmed match has exactly one agreement";
    static final String ERASURE = "every erasure reached every service";
    static final String ALERTS = "no reminder or at-risk event twice for one pair and period";
    static final String DRAINED = "every outbox drained";
    static final String READ = "databases readable";

    private static final List<String> IN_POOL = List.of("ACCEPTED", "MATCHED");

    /** One fact that does not hold (yet); {@code key} names the fact. */
    record Violation(String invariant, String key, String detail) {
        @Override
        public String toString() {
            return invariant + ": " + key + " (" + detail + ")";
        }
    }

    private final Databases db;
    private final Ledger ledger;

    Invariants(Databases db, Ledger ledger) {
        this.db = db;
        this.ledger = ledger;
    }

    List<Violation> check(Ledger.Snapshot s) {
        List<Violation> violations = new ArrayList<>();
        try {
            programmes(s, violations);
            applications(s, violations);
            pool(s, violations);
            matches(s, violations);
            activeAgreements(s, violations);
            erasures(s, violations);
        } catch (SQLException e) {
            violations.add(new Violation(READ, "read", e.getMessage()));
        }
        return violations;
    }

    private void programmes(Ledger.Snapshot s, List<Violation> out) throws SQLException {
        if (s.programmes().isEmpty()) {
            return;
        }
        Map<String, Long> counts = new HashMap<>();
        for (List<Object> row : db.rows("applicants",
                "select name, count(*) from programme where name = any(?) group by name", s.programmes().keySet())) {
            counts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        for (String name : s.programmes().keySet()) {
            long count = counts.getOrDefault(name, 0L);
            if (count == 0) {
                out.add(new Violation(KEPT, "programme " + name, "created with 201, not in applicants"));
            } else if (count > 1) {
                out.add(new Violation(ONCE, "programme " + name, count + " programmes of that name"));
            }
        }
    }

    private void applications(Ledger.Snapshot s, List<Violation> out) throws SQLException {
        if (s.applications().isEmpty()) {
            return;
        }
        Map<UUID, String> status = new HashMap<>();
        for (List<Object> row : db.rows("applicants", "select id, status from application where id = any(?)",
                s.applications().keySet())) {
            status.put((UUID) row.get(0), (String) row.get(1));
        }
        Set<UUID> leaving = ledger.leavingThePool();
        for (UUID id : s.applications().keySet()) {
            if (!status.containsKey(id)) {
                out.add(new Violation(KEPT, "application " + id, "submitted with 201, not in applicants"));
            } else if (s.accepted().contains(id) && !leaving.contains(id) && !IN_POOL.contains(status.get(id))) {
                out.add(new Violation(KEPT, "decision " + id, "accepted with 200, now " + status.get(id)));
            }
        }
    }

    private void pool(Ledger.Snapshot s, List<Violation> out) throws SQLException {
        Set<UUID> expected = new HashSet<>(s.accepted());
        expected.removeAll(ledger.leavingThePool());
        if (expected.isEmpty()) {
            return;
        }
        Map<UUID, Long> counts = new HashMap<>();
        for (List<Object> row : db.rows("matching", "select application_id, count(*) from pool_candidate"
                + " where application_id = any(?) and application_status in ('ACCEPTED', 'MATCHED')"
                + " group by application_id", expected)) {
            counts.put((UUID) row.get(0), ((Number) row.get(1)).longValue());
        }
        for (UUID id : expected) {
            long count = counts.getOrDefault(id, 0L);
            if (count != 1) {
                out.add(new Violation(POOL, "application " + id, count == 0 ? "not in matching's pool"
                        : "in the pool " + count + " times"));
            }
        }
    }

    private void matches(Ledger.Snapshot s, List<Violation> out) throws SQLException {
        if (s.matches().isEmpty()) {
            return;
        }
        Set<UUID> confirmed = new HashSet<>(db.ids("matching",
                "select id from match_proposal where id = any(?) and status = 'CONFIRMED'", s.matches().keySet()));
        Map<UUID, List<UUID>> agreements = new HashMap<>();
        for (List<Object> row : db.rows("agreements", "select match_id, id from agreement where match_id = any(?)",
                s.matches().keySet())) {
            agreements.computeIfAbsent((UUID) row.get(0), k -> new ArrayList<>()).add((UUID) row.get(1));
        }
        Set<UUID> agreementIds = new HashSet<>();
        agreements.values().forEach(agreementIds::addAll);
        Set<UUID> inSessions = agreementIds.isEmpty() ? Set.of() : new HashSet<>(db.ids("sessions",
                "select agreement_id from agreement where agreement_id = any(?)", agreementIds));
        Set<UUID> applicationIds = new HashSet<>();
        s.matches().values().forEach(m -> {
            applicationIds.add(m.menteeApplication());
            applicationIds.add(m.mentorApplication());
        });
        Map<UUID, String> status = new HashMap<>();
        for (List<Object> row : db.rows("applicants", "select id, status from application where id = any(?)",
                applicationIds)) {
            status.put((UUID) row.get(0), (String) row.get(1));
        }
        Set<UUID> leaving = ledger.leavingThePool();
        for (Ledger.Match match : s.matches().values()) {
            String key = "match " + match.matchId();
            if (!confirmed.contains(match.matchId())) {
                out.add(new Violation(KEPT, key, "confirmed with 200, not CONFIRMED in matching"));
            }
            List<UUID> ids = agreements.getOrDefault(match.matchId(), List.of());
            if (ids.size() != 1) {
                out.add(new Violation(AGREEMENT, key, ids.size() + " agreements in agreements-service"));
            } else if (!inSessions.contains(ids.get(0))) {
                out.add(new Violation(AGREEMENT, key, "agreement " + ids.get(0) + " not in sessions-service"));
            }
            for (UUID application : List.of(match.menteeApplication(), match.mentorApplication())) {
                if (!leaving.contains(application) && !"MATCHED".equals(status.get(application))) {
                    out.add(new Violation(AGREEMENT, key, "application " + application + " is " + status.get(application)
                            + " in applicants, not MATCHED"));
                }
            }
        }
    }

    private void activeAgreements(Ledger.Snapshot s, List<Violation> out) throws SQLException {
        if (s.activeAgreements().isEmpty()) {
            return;
        }
        Map<UUID, String> projected = new HashMap<>();
        for (List<Object> row : db.rows("sessions", "select agreement_id, status from agreement where agreement_id = any(?)",
                s.activeAgreements())) {
            projected.put((UUID) row.get(0), (String) row.get(1));
        }
        for (UUID id : s.activeAgreements()) {
            if (!"ACTIVE".equals(projected.get(id))) {
                out.add(new Violation(AGREEMENT, "agreement " + id, "signed by both, "
                        + (projected.containsKey(id) ? projected.get(id) : "absent") + " in sessions-service"));
            }
        }
    }

    private void erasures(Ledger.Snapshot s, List<Violation> out) throws SQLException {
        if (s.erasures().isEmpty()) {
            return;
        }
        Set<String> subjects = s.erasures().keySet();
        Set<UUID> applications = s.erasedApplications();
        Map<String, List<String>> traces = new HashMap<>();
        trace(traces, "applicants", db.rows("applicants",
                "select applicant_id from application where applicant_id = any(?)", subjects));
        trace(traces, "matching's pool", db.rows("matching", "select applicant_id from pool_candidate"
                + " where applicant_id = any(?) or application_id = any(?)", subjects, applications));
        trace(traces, "agreements", db.rows("agreements", "select mentee_applicant_id from agreement"
                + " where mentee_applicant_id = any(?) union all select mentor_applicant_id from agreement"
                + " where mentor_applicant_id = any(?)", subjects, subjects));
        trace(traces, "sessions", db.rows("sessions", "select mentee_id from agreement where mentee_id = any(?)"
                + " union all select mentor_id from agreement where mentor_id = any(?)"
                + " union all select mentee_id from meeting where mentee_id = any(?)"
                + " union all select mentor_id from meeting where mentor_id = any(?)",
                subjects, subjects, subjects, subjects));
        Set<UUID> tombstones = new HashSet<>(db.ids("matching",
                "select application_id from erased_application where application_id = any(?)", applications));
        Map<String, Set<String>> consumers = erasureConsumers(subjects);
        for (Ledger.Erasure erasure : s.erasures().values()) {
            String key = "erasure of " + erasure.subject();
            for (String where : traces.getOrDefault(erasure.subject(), List.of())) {
                out.add(new Violation(ERASURE, key, "still named in " + where));
            }
            for (UUID application : erasure.applications()) {
                if (!tombstones.contains(application)) {
                    out.add(new Violation(ERASURE, key, "no tombstone for application " + application + " in matching"));
                }
            }
            Set<String> reached = consumers.get(erasure.subject());
            if (reached != null) {
                for (String database : List.of("matching", "agreements", "sessions")) {
                    if (!reached.contains(database)) {
                        out.add(new Violation(ERASURE, key, "the erasure event is not recorded as processed in " + database));
                    }
                }
            }
        }
    }

    private static void trace(Map<String, List<String>> traces, String where, List<List<Object>> rows) {
        for (List<Object> row : rows) {
            traces.computeIfAbsent((String) row.get(0), k -> new ArrayList<>()).add(where);
        }
    }

    /**
     * Per erased subject, the databases whose processed-event record holds its erasure event (ids from applicants'
     * outbox); null for a subject whose event cannot be found there (then only the data tell).
     */
    private Map<String, Set<String>> erasureConsumers(Collection<String> subjects) throws SQLException {
        Map<String, Set<String>> reached = new HashMap<>();
        if (!db.tableExists("applicants", "outbox_event")) {
            return reached;
        }
        Map<UUID, String> events = new HashMap<>();
        for (List<Object> row : db.rows("applicants", "select id, event_key from outbox_event"
                + " where event_type = 'mentoring.applicant.erased.v1' and event_key = any(?)", subjects)) {
            events.put((UUID) row.get(0), (String) row.get(1));
            reached.put((String) row.get(1), new HashSet<>());
        }
        if (events.isEmpty()) {
            return reached;
        }
        for (String database : List.of("matching", "agreements", "sessions")) {
            if (!db.tableExists(database, "processed_event")) {
                reached.values().forEach(r -> r.add(database));
                continue;
            }
            for (UUID id : db.ids(database, "select distinct event_id from processed_event where event_id = any(?)",
                    events.keySet())) {
                reached.get(events.get(id)).add(database);
            }
        }
        return reached;
    }

    // ---- once the traffic has stopped ----------------------------------------------------------------------------

    /**
     * Sources against projections for the suite's programmes, as a whole: the pool is exactly the accepted
     * applications, the agreements exactly the confirmed matches, sessions' agreements exactly agreements'; every
     * outbox is drained; no alert twice for one pair and period.
     */
    List<Violation> quiescent(Ledger.Snapshot s) {
        List<Violation> out = new ArrayList<>();
        Set<UUID> programmes = new HashSet<>(s.programmes().values());
        if (programmes.isEmpty()) {
            return out;
        }
        try {
            Set<UUID> accepted = new HashSet<>(db.ids("applicants", "select id from application"
                    + " where programme_id = any(?) and status in ('ACCEPTED', 'MATCHED')", programmes));
            Set<UUID> pool = new HashSet<>(db.ids("matching", "select application_id from pool_candidate"
                    + " where programme_id = any(?) and application_status in ('ACCEPTED', 'MATCHED')", programmes));
            difference(out, POOL, accepted, pool, "accepted in applicants, not in matching's pool");
            difference(out, POOL, pool, accepted, "in matching's pool, not accepted in applicants");

            Set<UUID> confirmed = new HashSet<>(db.ids("matching", "select id from match_proposal"
                    + " where programme_id = any(?) and status = 'CONFIRMED'", programmes));
            Set<UUID> drafted = new HashSet<>(db.ids("agreements",
                    "select match_id from agreement where programme_id = any(?)", programmes));
            difference(out, AGREEMENT, confirmed, drafted, "confirmed in matching, no agreement");
            difference(out, AGREEMENT, drafted, confirmed, "an agreement, but not confirmed in matching");

            Map<UUID, String> agreements = statuses("agreements", "select id, status from agreement"
                    + " where programme_id = any(?)", programmes);
            Map<UUID, String> projected = statuses("sessions", "select agreement_id, status from agreement"
                    + " where programme_id = any(?)", programmes);
            for (Map.Entry<UUID, String> agreement : agreements.entrySet()) {
                String there = projected.get(agreement.getKey());
                if (!agreement.getValue().equals(there)) {
                    out.add(new Violation(AGREEMENT, "agreement " + agreement.getKey(), agreement.getValue()
                            + " in agreements, " + (there == null ? "absent" : there) + " in sessions"));
                }
            }

            for (String database : Databases.ALL) {
                if (db.tableExists(database, "outbox_event")) {
                    long waiting = db.count(database, "select count(*) from outbox_event where published_at is null");
                    if (waiting > 0) {
                        out.add(new Violation(DRAINED, database, waiting + " events not published"));
                    }
                }
            }
            for (List<Object> row : duplicateAlerts()) {
                out.add(new Violation(ALERTS, row.get(0) + " " + row.get(1) + " since " + row.get(2), row.get(3)
                        + " events"));
            }
        } catch (SQLException e) {
            out.add(new Violation(READ, "read", e.getMessage()));
        }
        return out;
    }

    /** Reminders and at-risk flags of sessions-service: (type, agreement, last meeting, count) emitted more than once. */
    List<List<Object>> duplicateAlerts() throws SQLException {
        return db.rows("sessions", "select event_type, event_key, payload::jsonb -> 'data' ->> 'lastMeetingAt', count(*)"
                + " from outbox_event where event_type in ('mentoring.pair.reminded.v1', 'mentoring.pair.at-risk.v1')"
                + " group by 1, 2, 3 having count(*) > 1");
    }

    long alerts() throws SQLException {
        return db.count("sessions", "select count(*) from outbox_event"
                + " where event_type in ('mentoring.pair.reminded.v1', 'mentoring.pair.at-risk.v1')");
    }

    private Map<UUID, String> statuses(String database, String sql, Set<UUID> programmes) throws SQLException {
        Map<UUID, String> statuses = new HashMap<>();
        for (List<Object> row : db.rows(database, sql, programmes)) {
            statuses.put((UUID) row.get(0), (String) row.get(1));
        }
        return statuses;
    }

    private static void difference(List<Violation> out, String invariant, Set<UUID> left, Set<UUID> right, String what) {
        for (UUID id : left) {
            if (!right.contains(id)) {
                out.add(new Violation(invariant, id.toString(), what));
            }
        }
    }
}
