package org.mentoring.sessions.meeting.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.sessions.meeting.model.Meeting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MeetingRepository implements PanacheRepositoryBase<Meeting, UUID> {

    private static final List<Meeting.Status> LIVE = List.of(Meeting.Status.SCHEDULED, Meeting.Status.HELD);

    /** Scheduled or held meetings of either person that overlap [start, end), other than {@code except}. */
    public Uni<Long> overlapping(List<String> people, Instant start, Instant end, UUID except) {
        return count("status in :live and (menteeId in :people or mentorId in :people) and startsAt < :end and endsAt > :start"
                        + " and id <> :except",
                Parameters.with("live", LIVE).and("people", people).and("start", start).and("end", end)
                        .and("except", except == null ? new UUID(0, 0) : except));
    }

    public Uni<List<Meeting>> futureScheduled(UUID agreementId, Instant now) {
        return list("agreementId = ?1 and status = ?2 and startsAt > ?3", agreementId, Meeting.Status.SCHEDULED, now);
    }

    public Uni<List<Meeting>> ofAgreement(UUID agreementId) {
        return list("agreementId = ?1 order by startsAt", agreementId);
    }

    public Uni<List<Meeting>> ofProgramme(UUID programmeId) {
        return list("programmeId = ?1", programmeId);
    }

    /** Keyset page of a person's meetings, optionally of one agreement. */
    public Uni<List<Meeting>> pageOf(String person, UUID agreementId, Cursor after, int limit) {
        String query = "(menteeId = :person or mentorId = :person)";
        Parameters params = Parameters.with("person", person);
        if (agreementId != null) {
            query += " and agreementId = :agreement";
            params.and("agreement", agreementId);
        }
        if (after != null) {
            query += " and " + Cursor.afterCondition("createdAt", "id");
            after.bind(params);
        }
        return find(query + " order by createdAt, id", params).range(0, limit - 1).list();
    }

    /** A person's meetings from {@code since} on, for the calendar feed. */
    public Uni<List<Meeting>> ofPersonSince(String person, Instant since) {
        return list("(menteeId = ?1 or mentorId = ?1) and startsAt >= ?2 order by startsAt", person, since);
    }
}
