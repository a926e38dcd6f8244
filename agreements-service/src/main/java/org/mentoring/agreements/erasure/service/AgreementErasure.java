package org.mentoring.agreements.erasure.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.service.AgreementCommentRepository;
import org.mentoring.agreements.agreement.service.AgreementRepository;
import org.mentoring.agreements.agreement.service.AgreementVersionRepository;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What an erased person leaves in agreements: a pseudonym, and nothing they wrote. */
@ApplicationScoped
public class AgreementErasure {

    private final AgreementRepository agreements;
    private final AgreementVersionRepository versions;
    private final AgreementCommentRepository comments;
    private final ErasedApplicationRepository erased;

    public AgreementErasure(AgreementRepository agreements, AgreementVersionRepository versions, AgreementCommentRepository comments, ErasedApplicationRepository erased) {
        this.agreements = agreements;
        this.versions = versions;
        this.comments = comments;
        this.erased = erased;
    }

    /**
     * Pseudonymises an erased person in every agreement they are party to: their applicant id becomes a pseudonym
     * (also as signer), their name is removed, and so are their comments and their private ending comment. Their
     * applications are remembered as erased, so a match confirmed before the erasure but arriving after it drafts with
     * the same pseudonym. Runs inside the consumer's transaction.
     */
    public Uni<Void> onErased(ApplicantErasedV1 event) {
        String person = event.applicantId();
        List<UUID> applications = event.applicationIds() == null ? List.of() : event.applicationIds();
        // the tombstones let a confirmed match that arrives later draft with the same pseudonym
        return erased.pseudonymOf(applications)
                .map(earlier -> earlier != null ? earlier : "erased-" + UUID.randomUUID())
                .call(pseudonym -> erased.record(applications, pseudonym, Instant.now()))
                .chain(pseudonym -> scrub(person, applications, pseudonym));
    }

    private Uni<Void> scrub(String person, List<UUID> applications, String pseudonym) {
        return agreements.ofPerson(person, applications).chain(list -> {
            Instant now = Instant.now();
            for (Agreement a : list) {
                if (person.equals(a.menteeApplicantId) || applications.contains(a.menteeApplicationId)) {
                    a.menteeApplicantId = pseudonym;
                    a.menteeDisplayName = null;
                }
                if (person.equals(a.mentorApplicantId) || applications.contains(a.mentorApplicationId)) {
                    a.mentorApplicantId = pseudonym;
                    a.mentorDisplayName = null;
                }
                if (a.ending != null && person.equals(a.ending.endedBySubject())) {
                    a.ending = a.ending.withoutAuthor(pseudonym);
                }
                a.updatedAt = now;
            }
            return Panache.getSession().chain(s -> s.flush())
                    .chain(() -> versions.pseudonymiseSigners(person, pseudonym))
                    .chain(() -> versions.eraseGoalsOfMentee(pseudonym))
                    .chain(() -> comments.removeBy(person))
                    .chain(() -> erased.forget(person, applications))
                    .replaceWithVoid();
        });
    }
}
