package org.mentoring.applicants.privacy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.model.Application;
import org.mentoring.applicants.application.model.ApplicationStatus;
import org.mentoring.applicants.application.model.Interview;
import org.mentoring.applicants.application.service.ApplicationRepository;
import org.mentoring.applicants.application.service.InterviewRepository;
import org.mentoring.applicants.directory.service.DirectoryProfile;
import org.mentoring.applicants.directory.service.DirectoryService;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.platform.outbox.Outbox;
import org.mentoring.platform.privacy.Forgetting;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.ProgrammeTeams;

import java.time.Instant;
import java.util.List;

import java.util.UUID;

/**
 * A person's rights over their data: export everything held about them,
 * and erasure, which pseudonymises their applications (statistics survive: programme, role, status,
 * institute, topics), forgets the stored answers and events that mention them ({@link Forgetting}) and tells every
 * other service through {@code applicant.erased}.
 */
@ApplicationScoped
public class PrivacyService {

    private final ApplicationRepository applications;
    private final InterviewRepository interviews;
    private final DirectoryService directory;
    private final Outbox outbox;
    private final Forgetting forgetting;
    private final ProgrammeTeams teams;

    public PrivacyService(ApplicationRepository applications, InterviewRepository interviews, DirectoryService directory, Outbox outbox,
                          Forgetting forgetting, ProgrammeTeams teams) {
        this.teams = teams;
        this.applications = applications;
        this.interviews = interviews;
        this.directory = directory;
        this.outbox = outbox;
        this.forgetting = forgetting;
    }

    /**
     * Everything held about one person when they asked: the directory entry (null when the directory has none) and each
     * of their applications with its interview. The interview's admin notes are in it: whoever shows the export leaves
     * them out.
     */
    public record PersonalData(String subject, Instant exportedAt, DirectoryProfile directory, List<ApplicationWithInterview> applications) {
    }

    /** An application and its interview, null when none was asked for. */
    public record ApplicationWithInterview(Application application, Interview interview) {
    }

    public record Erasure(String subject, int applicationsErased, Instant erasedAt) {
    }

    @WithSession
    public Uni<PersonalData> export(String subject, String username) {
        return directory.activeProfileOf(username).chain(profile -> applications.ofApplicant(subject)
                .chain(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(a -> interviews.findById(a.id).map(i -> new ApplicationWithInterview(a, i)))
                        .collect().asList())
                .map(held -> new PersonalData(subject, Instant.now(), profile.orElse(null), held)));
    }

    /**
     * Erases a person's data at an admin's hands: only an admin on the team of a programme the person applied to may;
     * for anyone else the person is unknown (404), as if nothing were held about them.
     */
    @WithTransaction
    public Uni<Erasure> eraseAsAdmin(String subject) {
        return applications.ofApplicant(subject)
                .chain(list -> Multi.createFrom().iterable(list.stream().map(a -> a.programmeId).distinct().toList())
                        .onItem().transformToUniAndConcatenate(teams::administers)
                        .collect().asList())
                .chain(administered -> {
                    if (!administered.contains(true)) {
                        throw ProblemException.notFound("Person", subject);
                    }
                    return erase(subject);
                });
    }

    /** Erases a person's data; {@code subject} is the JWT subject. An erased person has nothing left to erase (404). */
    @WithTransaction
    public Uni<Erasure> erase(String subject) {
        return applications.ofApplicant(subject).chain(list -> {
            if (list.isEmpty()) {
                throw ProblemException.notFound("Person", subject);
            }
            Instant now = Instant.now();
            String pseudonym = "erased-" + UUID.randomUUID();
            List<UUID> ids = list.stream().map(a -> a.id).toList();
            return Multi.createFrom().iterable(list)
                    .onItem().transformToUniAndConcatenate(a -> interviews.findById(a.id).invoke(i -> {
                        if (i != null) {
                            i.adminNotes = null;
                            i.videoLink = null;
                        }
                        pseudonymise(a, pseudonym, now);
                    }))
                    .collect().last()
                    .chain(x -> outbox.publish(Topics.APPLICANTS, EventTypes.APPLICANT_ERASED, subject,
                            new ApplicantErasedV1(subject, ids, now)))
                    // stored answers and events about them; the erasure event above is published, then deleted
                    .call(() -> forgetting.forget(subject, ids))
                    .replaceWith(new Erasure(subject, list.size(), now));
        });
    }

    private static void pseudonymise(Application a, String pseudonym, Instant now) {
        if (a.isLive()) {
            a.status = ApplicationStatus.WITHDRAWN;
            a.decisionReason = "Erased at the person's request";
        }
        a.applicantId = pseudonym;
        a.displayName = null;
        a.department = null;
        a.directoryPersonId = null;
        a.managerChain = null;
        a.city = null;
        a.region = null;
        a.country = null;
        a.latitude = null;
        a.longitude = null;
        a.languages = null;
        a.motivation = null;
        a.diversity = null;
        a.privacyPolicyVersion = null;
        a.consentedAt = null;
        a.erasedAt = now;
        a.updatedAt = now;
    }

}
