package org.mentoring.sessions.availability.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.sessions.availability.model.ApplicationAvailability;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ApplicationAvailabilityRepository implements PanacheRepositoryBase<ApplicationAvailability, UUID> {

    /** The person's application in the programme changed last (for agreements kept before they named their applications). */
    public Uni<ApplicationAvailability> latestOf(String applicantId, UUID programmeId) {
        return find("applicantId = ?1 and programmeId = ?2 order by changedAt desc nulls last", applicantId, programmeId).firstResult();
    }

    public Uni<List<ApplicationAvailability>> ofApplicant(String applicantId) {
        return list("applicantId = ?1 order by changedAt", applicantId);
    }
}
