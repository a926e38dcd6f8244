package org.mentoring.agreements.agreement.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.PageQuery;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AgreementRepository implements PanacheRepositoryBase<Agreement, UUID> {

    public Uni<Agreement> byMatch(UUID matchId) {
        return find("matchId", matchId).firstResult();
    }

    /**
     * A page in creation order; {@code among} limits it to some programmes (null: all), {@code subject} to the caller's own
     * agreements.
     */
    public Uni<List<Agreement>> page(UUID programmeId, java.util.Collection<UUID> among, Agreement.Status status, String subject,
                                     Cursor after, int limit) {
        return PageQuery.orderedBy("createdAt", "id")
                .and("programmeId = :programme", "programme", programmeId)
                .and("programmeId in :among", "among", among)
                .and("status = :status", "status", status)
                .and("(menteeApplicantId = :subject or mentorApplicantId = :subject)", "subject", subject)
                .after(after)
                .list(this, limit);
    }

    /**
     * ACTIVE agreements whose version in force ended before {@code today}, locked for the caller's transaction; rows another
     * transaction holds (another replica's job, a request ending the agreement) are skipped, not waited for.
     */
    public Uni<List<Agreement>> claimDue(LocalDate today, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select id from agreement where status = :active"
                                + " and in_force_end_date < :today order by in_force_end_date, id limit :limit for update skip locked", UUID.class)
                        .setParameter("active", Agreement.Status.ACTIVE.name()).setParameter("today", today).setParameter("limit", limit)
                        .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Agreement>of())
                        : list("id in ?1 order by inForceEndDate, id", ids));
    }

    /** The programme's agreements that have not ended, locked for the caller's transaction (waiting for a request that holds one). */
    public Uni<List<Agreement>> claimOpenOfProgramme(UUID programmeId) {
        return claimOpen("programme_id = :id", programmeId);
    }

    /** The agreements that have not ended and of which the application is a party, locked for the caller's transaction. */
    public Uni<List<Agreement>> claimOpenOfApplication(UUID applicationId) {
        return claimOpen("(mentee_application_id = :id or mentor_application_id = :id)", applicationId);
    }

    private Uni<List<Agreement>> claimOpen(String condition, UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select id from agreement where " + condition
                                + " and status in (:open) order by id for update", UUID.class)
                        .setParameter("id", id)
                        .setParameter("open", List.of(Agreement.Status.DRAFT.name(), Agreement.Status.PROPOSED.name(),
                                Agreement.Status.ACTIVE.name()))
                        .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Agreement>of())
                        : list("id in ?1 order by createdAt, id", ids));
    }

    public Uni<List<Agreement>> ofPerson(String applicantId, List<UUID> applicationIds) {
        if (applicationIds == null || applicationIds.isEmpty()) {
            return list("menteeApplicantId = ?1 or mentorApplicantId = ?1", applicantId);
        }
        return list("menteeApplicantId = ?1 or mentorApplicantId = ?1 or menteeApplicationId in ?2 or mentorApplicationId in ?2",
                applicantId, applicationIds);
    }

    /** Number of agreements per status, optionally of one programme. */
    public Uni<List<Object[]>> countByStatus(UUID programmeId) {
        String hql = "select a.status, count(a) from Agreement a"
                + (programmeId != null ? " where a.programmeId = :programme" : "") + " group by a.status";
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(session -> {
            var q = session.createSelectionQuery(hql, Object[].class);
            if (programmeId != null) {
                q.setParameter("programme", programmeId);
            }
            return q.getResultList();
        });
    }
}
