package org.mentoring.applicants.application.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.ApplicationStatus;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<Application, UUID> {

    /** Statuses in which an application counts as the person's one live application. */
    public static final Set<ApplicationStatus> LIVE = EnumSet.of(ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW,
            ApplicationStatus.ACCEPTED, ApplicationStatus.MATCHED);

    public Uni<Boolean> hasLiveApplication(UUID programmeId, String applicantId) {
        return count("programmeId = ?1 and applicantId = ?2 and status in ?3", programmeId, applicantId, LIVE)
                .map(n -> n > 0);
    }
}
