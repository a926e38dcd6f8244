package org.mentoring.applicants.application.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.model.ApplicantRole;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.platform.paging.Cursor;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<Application, UUID> {

    /** Statuses in which an application counts as the person's one live application. */
    public static final Set<ApplicationStatus> LIVE = EnumSet.of(ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW,
            ApplicationStatus.ACCEPTED, ApplicationStatus.MATCHED);

    /** Filters of the admins' review list; null means any. */
    public record Filter(ApplicationStatus status, ApplicantRole role, String topic, String institute) {
    }

    public Uni<Boolean> hasLiveApplication(UUID programmeId, String applicantId) {
        return count("programmeId = ?1 and applicantId = ?2 and status in ?3", programmeId, applicantId, LIVE)
                .map(n -> n > 0);
    }

    public Uni<List<Application>> liveOf(UUID programmeId) {
        return list("programmeId = ?1 and status in ?2", programmeId, LIVE);
    }

    /** Live applications filled from any of the directory persons {@code personIds}. */
    public Uni<List<Application>> liveOfPersons(java.util.Collection<UUID> personIds) {
        if (personIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("directoryPersonId in ?1 and status in ?2", List.copyOf(personIds), LIVE);
    }

    public Uni<List<Application>> ofApplicant(String applicantId) {
        return list("applicantId = ?1 order by submittedAt, id", applicantId);
    }

    /** Keyset page of a programme's applications in submission order, filtered. */
    public Uni<List<Application>> page(UUID programmeId, Filter filter, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("programmeId = :programme");
        Parameters params = Parameters.with("programme", programmeId);
        if (filter.status() != null) {
            query.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.role() != null) {
            query.append(" and role = :role");
            params.and("role", filter.role());
        }
        if (filter.institute() != null) {
            query.append(" and lower(institute) = lower(:institute)");
            params.and("institute", filter.institute());
        }
        if (filter.topic() != null) {
            query.append(" and array_contains(topics, :topic)");
            params.and("topic", filter.topic());
        }
        if (after != null) {
            query.append(" and ").append(Cursor.afterCondition("submittedAt", "id"));
            after.bind(params);
        }
        query.append(" order by submittedAt, id");
        return find(query.toString(), params).range(0, limit - 1).list();
    }
}
