package org.mentoring.applicants.application.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.Interview;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.InterviewV1;
import org.mentoring.contracts.events.applicants.LocationV1;
import org.mentoring.platform.outbox.Outbox;

import java.util.List;
import java.util.function.Function;

/**
 * Stages an application event carrying the application as it now stands (what matching needs). Pending changes are
 * flushed first, so the event's revision is the version the change gets (a projection orders snapshots by it).
 */
@ApplicationScoped
public class ApplicationEvents {

    private final Outbox outbox;

    public ApplicationEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<?> publish(String type, Application a) {
        return Panache.flush().chain(() -> outbox.publish(Topics.APPLICANTS, type, a.id.toString(), snapshot(a)));
    }

    /**
     * Stages one event per application, its type chosen by {@code typeOf}, after a single flush: for changes that
     * move many applications at once. Staging writes nothing yet; the events are inserted with the transaction's
     * final flush, in batches.
     */
    public Uni<Void> publishAll(List<Application> changed, Function<Application, String> typeOf) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.flush().chain(() -> Multi.createFrom().iterable(changed)
                .onItem().transformToUniAndConcatenate(a -> outbox.publish(Topics.APPLICANTS, typeOf.apply(a), a.id.toString(), snapshot(a)))
                .collect().last()).replaceWithVoid();
    }

    /** The interview asked for (or moved) on {@code a}: time, length and link, never the admins' notes. */
    public Uni<?> interviewRequested(Application a, Interview i) {
        return outbox.publish(Topics.APPLICANTS, EventTypes.APPLICATION_INTERVIEW_REQUESTED, a.id.toString(),
                new InterviewV1(a.id, a.programmeId, a.applicantId, i.scheduledAt, i.durationMinutes, i.videoLink, i.requestedAt));
    }

    static ApplicationV1 snapshot(Application a) {
        LocationV1 location = a.city == null && a.latitude == null ? null
                : new LocationV1(a.city, a.region, a.country, a.latitude, a.longitude);
        return new ApplicationV1(a.id, a.programmeId, a.applicantId, a.role.name(), a.status.name(), a.displayName,
                a.institute, a.department, a.directoryPersonId, a.managerChain, location, a.languages, a.topics,
                a.meetingFormats, a.availabilityHoursPerMonth, a.effectiveYearsOfExperience(),
                a.diversity == null ? null : a.diversity.attributes(), a.decisionReason, a.submittedAt, a.updatedAt,
                a.version, a.mentorCapacity, a.availability == null ? null : new ApplicationV1.WeeklyAvailability(
                a.availability.weekdays(), a.availability.from(), a.availability.to(), a.availability.timeZone()));
    }
}
