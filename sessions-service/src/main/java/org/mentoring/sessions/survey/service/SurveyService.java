package org.mentoring.sessions.survey.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.sessions.agreement.model.Agreement;
import org.mentoring.sessions.agreement.service.AgreementInFlight;
import org.mentoring.sessions.agreement.service.AgreementRepository;
import org.mentoring.sessions.survey.model.Survey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The pulse survey (opens {@value #PULSE_AFTER_DAYS} days after the agreement started, while it runs) and the exit survey (once
 * it ended: why, and would they recommend it). Once per person and kind; a comment is its author's unless shared with the pair.
 */
@ApplicationScoped
public class SurveyService {

    public static final int PULSE_AFTER_DAYS = 28;

    public record Answers(Survey.Kind kind, int rating, Boolean wouldRecommend, Survey.EndReason endReason, String comment,
                          boolean shareWithPair) {
    }

    public record SurveyView(UUID id, UUID agreementId, String authorId,
                             @Schema(implementation = org.mentoring.sessions.agreement.model.PairRole.class) String authorRole, Survey.Kind kind, int rating,
                             @Schema(nullable = true) Boolean wouldRecommend, @Schema(nullable = true) Survey.EndReason endReason,
                             @Schema(nullable = true) String comment, boolean shareWithPair,
                             Instant createdAt) {
    }

    private final AgreementRepository agreements;
    private final SurveyRepository surveys;

    private final AgreementInFlight inFlight;

    public SurveyService(AgreementRepository agreements, SurveyRepository surveys, AgreementInFlight inFlight) {
        this.inFlight = inFlight;
        this.agreements = agreements;
        this.surveys = surveys;
    }

    /**
     * Records one person's answers. A survey whose agreement the pair may have just brought to the right state (the exit
     * survey right after the ending, the pulse survey right after the second signature) waits for that event to arrive
     * here ({@link AgreementInFlight}).
     */
    public Uni<SurveyView> submit(String subject, UUID agreementId, Answers answers) {
        if (answers.kind() == null) {
            throw ProblemException.invalidField("kind", "is required (PULSE or EXIT)");
        }
        if (answers.rating() < 1 || answers.rating() > 5) {
            throw ProblemException.invalidField("rating", "must be between 1 and 5");
        }
        if (answers.kind() == Survey.Kind.EXIT && answers.wouldRecommend() == null) {
            throw ProblemException.invalidField("wouldRecommend", "is required in the exit survey");
        }
        if (answers.kind() == Survey.Kind.EXIT && answers.endReason() == null) {
            throw ProblemException.invalidField("endReason", "is required in the exit survey");
        }
        Uni<Void> arrived = answers.kind() == Survey.Kind.EXIT ? inFlight.awaitEnded(subject, agreementId)
                : inFlight.awaitActive(subject, agreementId);
        return arrived.chain(() -> Panache.withTransaction(() -> record(subject, agreementId, answers)));
    }

    private Uni<SurveyView> record(String subject, UUID agreementId, Answers answers) {
        return agreements.findById(agreementId).chain(a -> {
            if (a == null || !a.isMember(subject)) {
                throw ProblemException.notFound("Agreement", agreementId);
            }
            if (answers.kind() == Survey.Kind.PULSE) {
                LocalDate opens = a.startDate.plusDays(PULSE_AFTER_DAYS);
                if (!Agreement.ACTIVE.equals(a.status) || LocalDate.now(ZoneOffset.UTC).isBefore(opens)) {
                    throw new ProblemException(ProblemType.TOO_EARLY, "The pulse survey is open while the agreement is ACTIVE, from " + opens
                            + "; it is " + a.status + ".");
                }
            } else if (!a.ended()) {
                throw new ProblemException(ProblemType.INVALID_STATE, "The exit survey opens when the agreement has ended; it is " + a.status + ".");
            }
            return surveys.count("agreementId = ?1 and authorId = ?2 and kind = ?3", a.agreementId, subject, answers.kind())
                    .chain(given -> {
                        if (given > 0) {
                            throw new ProblemException(ProblemType.ALREADY_DONE, "You already answered the " + answers.kind() + " survey of this agreement.");
                        }
                        Survey s = new Survey();
                        s.id = UUID.randomUUID();
                        s.agreementId = a.agreementId;
                        s.programmeId = a.programmeId;
                        s.authorId = subject;
                        s.authorRole = subject.equals(a.menteeId) ? "MENTEE" : "MENTOR";
                        s.kind = answers.kind();
                        s.rating = answers.rating();
                        s.wouldRecommend = answers.kind() == Survey.Kind.EXIT ? answers.wouldRecommend() : null;
                        s.endReason = answers.kind() == Survey.Kind.EXIT ? answers.endReason() : null;
                        s.comment = answers.comment() == null || answers.comment().isBlank() ? null : answers.comment().strip();
                        s.shareWithPair = answers.shareWithPair();
                        s.createdAt = Instant.now();
                        return surveys.persist(s).replaceWith(view(s, subject));
                    });
        });
    }

    @WithSession
    public Uni<List<SurveyView>> list(String subject, UUID agreementId) {
        return agreements.findById(agreementId).chain(a -> {
            if (a == null || !a.isMember(subject)) {
                throw ProblemException.notFound("Agreement", agreementId);
            }
            return surveys.list("agreementId = ?1 order by createdAt", agreementId);
        }).map(list -> list.stream().map(s -> view(s, subject)).toList());
    }

    public Uni<List<Survey>> ofProgramme(UUID programmeId) {
        return surveys.list("programmeId = ?1", programmeId);
    }

    private static SurveyView view(Survey s, String reader) {
        boolean own = s.authorId.equals(reader);
        return new SurveyView(s.id, s.agreementId, s.authorId, s.authorRole, s.kind, s.rating, s.wouldRecommend, s.endReason,
                own || s.shareWithPair ? s.comment : null, s.shareWithPair, s.createdAt);
    }
}
