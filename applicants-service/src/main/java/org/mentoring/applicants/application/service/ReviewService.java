package org.mentoring.applicants.application.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.applicants.application.model.Interview;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.ProgrammeTeams;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The admins' side: list and filter, ask for an interview, accept or reject. */
@ApplicationScoped
public class ReviewService {

    private final ApplicationRepository applications;
    private final InterviewRepository interviews;
    private final ApplicationEvents events;
    private final ProgrammeTeams teams;

    public ReviewService(ApplicationRepository applications, InterviewRepository interviews,
                         ApplicationEvents events, ProgrammeTeams teams) {
        this.applications = applications;
        this.interviews = interviews;
        this.events = events;
        this.teams = teams;
    }

    @WithSession
    public Uni<List<Application>> page(UUID programmeId, ApplicationRepository.Filter filter, Cursor after, int limit) {
        return teams.requireAdmin(programmeId, () -> ProblemException.notFound("Programme", programmeId))
                .chain(() -> applications.page(programmeId, filter, after, limit + 1));
    }

    @WithSession
    public Uni<Interview> interviewOf(UUID applicationId) {
        return interviews.findById(applicationId);
    }

    /** Asks for (or reschedules) a short interview; the application goes IN_REVIEW and the applicant is told when. */
    @WithTransaction
    public Uni<Interview> requestInterview(UUID applicationId, InterviewPlan plan, String adminId) {
        if (!plan.scheduledAt().isAfter(Instant.now())) {
            throw ProblemException.invalidField("scheduledAt", "must be in the future");
        }
        return ofMyProgramme(applicationId).chain(a -> {
            if (!a.isEditable()) {
                throw new ProblemException(ProblemType.INVALID_STATE, "An application that is " + a.status + " needs no interview.");
            }
            boolean statusChanges = a.status != ApplicationStatus.IN_REVIEW;
            a.status = ApplicationStatus.IN_REVIEW;
            a.updatedAt = Instant.now();
            return interviews.findById(applicationId).chain(existing -> {
                Interview i = existing != null ? existing : new Interview();
                i.applicationId = applicationId;
                i.scheduledAt = plan.scheduledAt();
                i.durationMinutes = plan.durationMinutes();
                i.videoLink = plan.videoLink();
                i.adminNotes = plan.adminNotes();
                i.requestedBy = adminId;
                i.requestedAt = Instant.now();
                Uni<Interview> saved = existing != null ? Uni.createFrom().item(i) : interviews.persist(i);
                return (statusChanges ? saved.call(x -> events.publish(EventTypes.APPLICATION_UPDATED, a)) : saved)
                        .call(x -> events.interviewRequested(a, x));
            });
        });
    }

    /** Accepts (the person enters the matching pool) or rejects with a reason. */
    @WithTransaction
    public Uni<Application> decide(UUID applicationId, ReviewDecision decision, String adminId, String ifMatch) {
        if (decision.verdict() == ReviewDecision.Verdict.REJECT && (decision.reason() == null || decision.reason().isBlank())) {
            throw ProblemException.invalidField("reason", "is required to reject an application");
        }
        return ofMyProgramme(applicationId).map(a -> {
            ETags.requireMatch(ifMatch, a.version);
            if (!a.isEditable()) {
                throw new ProblemException(ProblemType.INVALID_STATE, "An application that is " + a.status + " cannot be decided again.");
            }
            a.status = decision.verdict() == ReviewDecision.Verdict.ACCEPT ? ApplicationStatus.ACCEPTED : ApplicationStatus.REJECTED;
            a.decisionReason = decision.reason();
            a.decidedBy = adminId;
            a.decidedAt = Instant.now();
            a.updatedAt = a.decidedAt;
            return a;
        }).call(a -> events.publish(a.status == ApplicationStatus.ACCEPTED
                ? EventTypes.APPLICATION_ACCEPTED : EventTypes.APPLICATION_REJECTED, a));
    }

    /** An application of a programme the caller administers; 404 for any other, as for one that does not exist. */
    private Uni<Application> ofMyProgramme(UUID applicationId) {
        return applications.findById(applicationId).call(a -> {
            if (a == null) {
                throw ProblemException.notFound("Application", applicationId);
            }
            return teams.requireAdmin(a.programmeId, () -> ProblemException.notFound("Application", applicationId));
        });
    }
}
