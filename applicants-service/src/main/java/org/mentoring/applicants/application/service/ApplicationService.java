package org.mentoring.applicants.application.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.applicants.application.model.MeetingFormat;
import org.mentoring.applicants.application.rest.ApplicationRequest;
import org.mentoring.applicants.programme.model.Programme;
import org.mentoring.applicants.programme.model.ProgrammeStatus;
import org.mentoring.applicants.programme.service.ProgrammeRepository;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.applicants.ApplicationSubmittedV1;
import org.mentoring.platform.outbox.Outbox;
import org.mentoring.platform.problem.ProblemException;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ApplicationService {

    private final ApplicationRepository applications;
    private final ProgrammeRepository programmes;
    private final Outbox outbox;

    public ApplicationService(ApplicationRepository applications, ProgrammeRepository programmes, Outbox outbox) {
        this.applications = applications;
        this.programmes = programmes;
        this.outbox = outbox;
    }

    /**
     * Stores an application and stages {@code application.submitted} in the same transaction.
     * Checks, in order: the programme is visible and takes applications now, the topics come from
     * its catalogue, and the person has no other live application to it.
     */
    @WithTransaction
    public Uni<Application> submit(UUID programmeId, ApplicationRequest request, String applicantId, String displayName) {
        return programmes.findById(programmeId)
                .map(programme -> {
                    Instant now = Instant.now();
                    checkTakesApplications(programme, programmeId, now);
                    checkTopics(programme, request.topics());
                    return programme;
                })
                .chain(programme -> applications.hasLiveApplication(programmeId, applicantId))
                .chain(exists -> {
                    if (exists) {
                        throw ProblemException.conflict("You already have a live application to programme " + programmeId
                                + "; edit or withdraw that one instead.");
                    }
                    Application a = newApplication(programmeId, request, applicantId, displayName);
                    return applications.persist(a)
                            .call(saved -> outbox.publish(Topics.APPLICANTS, EventTypes.APPLICATION_SUBMITTED,
                                    saved.id.toString(), submittedEvent(saved)));
                });
    }

    /** The owner's own application, or any for an admin; 404 for everyone else so ids do not leak. */
    @WithSession
    public Uni<Application> get(UUID id, String callerId, boolean admin) {
        return applications.findById(id).map(a -> {
            if (a == null || (!admin && !a.applicantId.equals(callerId))) {
                throw ProblemException.notFound("Application", id);
            }
            return a;
        });
    }

    private static void checkTakesApplications(Programme programme, UUID programmeId, Instant now) {
        if (programme == null || programme.status == ProgrammeStatus.DRAFT) {
            throw ProblemException.notFound("Programme", programmeId);
        }
        if (programme.status != ProgrammeStatus.OPEN) {
            throw ProblemException.conflict("Programme " + programmeId + " does not take applications: it is " + programme.status + ".");
        }
        if (!programme.acceptsApplicationsAt(now)) {
            throw ProblemException.conflict("Programme " + programmeId + " takes applications from "
                    + (programme.applicationOpensAt == null ? "now" : programme.applicationOpensAt) + " until "
                    + (programme.applicationClosesAt == null ? "further notice" : programme.applicationClosesAt) + ".");
        }
    }

    private static void checkTopics(Programme programme, List<String> topics) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < topics.size(); i++) {
            String code = topics.get(i);
            if (!programme.offersTopic(code)) {
                throw ProblemException.invalidField("topics[" + i + "]", "is " + code + ", which is not in the programme's topic catalogue");
            }
            if (!seen.add(code)) {
                throw ProblemException.invalidField("topics[" + i + "]", "repeats " + code);
            }
        }
    }

    private static Application newApplication(UUID programmeId, ApplicationRequest request, String applicantId, String displayName) {
        Instant now = Instant.now();
        Application a = new Application();
        a.id = UUID.randomUUID();
        a.programmeId = programmeId;
        a.applicantId = applicantId;
        a.displayName = displayName;
        a.role = request.role();
        a.status = ApplicationStatus.SUBMITTED;
        a.institute = request.institute().strip();
        a.languages = request.languages().stream().distinct().toList();
        a.topics = List.copyOf(request.topics());
        a.meetingFormats = request.meetingFormats().stream().distinct().map(MeetingFormat::name).toList();
        a.motivation = request.motivation();
        a.privacyPolicyVersion = request.consent().privacyPolicyVersion();
        a.consentedAt = now;
        a.submittedAt = now;
        a.updatedAt = now;
        return a;
    }

    private static ApplicationSubmittedV1 submittedEvent(Application a) {
        return new ApplicationSubmittedV1(a.id, a.programmeId, a.applicantId, a.role.name(), a.displayName, a.institute,
                a.languages, a.topics, a.meetingFormats, a.submittedAt);
    }
}
