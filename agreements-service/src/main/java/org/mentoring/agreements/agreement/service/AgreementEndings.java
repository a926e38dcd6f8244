package org.mentoring.agreements.agreement.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.Ending;
import org.mentoring.agreements.agreement.model.ReasonCategory;
import org.mentoring.agreements.programme.model.ProgrammeState;
import org.mentoring.agreements.programme.service.ProgrammeStates;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Viewer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.mentoring.agreements.agreement.service.AgreementRules.requireChosenByPeople;
import static org.mentoring.agreements.agreement.service.AgreementRules.requireNotEnded;

/**
 * How agreements end: terminated early by a party or an admin, completed when both confirm or when the version in force
 * has run out, or ended by the system when the programme ends or one of the pair leaves. Each ending is announced.
 */
@ApplicationScoped
public class AgreementEndings {

    private static final Logger LOG = Logger.getLogger(AgreementEndings.class);

    private final AgreementRepository agreements;
    private final AgreementEvents events;
    private final ProgrammeStates programmes;
    private final AgreementAccess access;

    public AgreementEndings(AgreementRepository agreements, AgreementEvents events, ProgrammeStates programmes, AgreementAccess access) {
        this.agreements = agreements;
        this.events = events;
        this.programmes = programmes;
        this.access = access;
    }

    /**
     * An early ending: the reason category, a comment (a party's private one, or an admin's reason) and whether the
     * closing conversation took place (a party's, required from one; none from an admin).
     */
    public record Termination(ReasonCategory reasonCategory, String comment, ClosingConversation closingConversation) {
    }

    /** Whether the pair held their closing conversation, and on which day if they did. */
    public record ClosingConversation(boolean held, LocalDate on) {
    }

    /**
     * Ends the agreement early. A party gives a reason category, optionally a private comment, and whether the
     * closing conversation took place (and when); an admin ends it for programme reasons with a written reason.
     */
    @WithTransaction
    public Uni<Agreement> terminate(UUID id, Viewer viewer, Termination r, String ifMatch) {
        return access.visible(id, viewer).chain(a -> {
            requireChosenByPeople(r.reasonCategory());
            ETags.requireMatch(ifMatch, a.version);
            requireNotEnded(a);
            Agreement.Party party = a.partyOf(viewer.subject());
            Instant now = Instant.now();
            ClosingConversation closing = r.closingConversation();
            if (party == null && (r.comment() == null || r.comment().isBlank())) {
                throw ProblemException.invalidField("comment", "is required when an admin ends an agreement: give the programme's reason");
            }
            if (party != null && closing == null) {
                throw ProblemException.invalidField("closingConversation",
                        "is required: {\"held\": true, \"on\": date} or {\"held\": false}");
            }
            if (closing != null) {
                if (closing.held() && closing.on() == null) {
                    throw ProblemException.invalidField("closingConversation.on", "is required when the closing conversation was held");
                }
                if (!closing.held() && closing.on() != null) {
                    throw ProblemException.invalidField("closingConversation.on", "must be absent when no closing conversation was held");
                }
                if (closing.held() && closing.on().isAfter(LocalDate.now(ZoneOffset.UTC))) {
                    throw ProblemException.invalidField("closingConversation.on", "must not be in the future");
                }
            }
            return end(a, Agreement.Status.TERMINATED, new Ending(party != null ? party.name() : "ADMIN", viewer.subject(),
                    r.reasonCategory().name(), party != null ? r.comment() : null, party == null ? r.comment() : null,
                    closing == null ? null : closing.held(), closing == null ? null : closing.on(), now));
        });
    }

    /** A party confirms that the mentoring is complete; when both have, the agreement is COMPLETED. */
    @WithTransaction
    public Uni<Agreement> confirmCompletion(UUID id, Viewer viewer, String ifMatch) {
        return access.party(id, viewer).chain(a -> {
            ETags.requireMatch(ifMatch, a.version);
            if (a.status != Agreement.Status.ACTIVE) {
                throw new ProblemException(ProblemType.INVALID_STATE, "Only an ACTIVE agreement can be completed; this one is " + a.status + ".");
            }
            Instant now = Instant.now();
            if (a.partyOf(viewer.subject()) == Agreement.Party.MENTEE) {
                if (a.menteeCompletionAt != null) {
                    throw new ProblemException(ProblemType.ALREADY_DONE, "You already confirmed completion.");
                }
                a.menteeCompletionAt = now;
            } else {
                if (a.mentorCompletionAt != null) {
                    throw new ProblemException(ProblemType.ALREADY_DONE, "You already confirmed completion.");
                }
                a.mentorCompletionAt = now;
            }
            a.updatedAt = now;
            if (a.menteeCompletionAt == null || a.mentorCompletionAt == null) {
                return Uni.createFrom().item(a);
            }
            return end(a, Agreement.Status.COMPLETED, new Ending("BOTH", null, null, null, null, null, null, now));
        });
    }

    /** How many agreements one completion transaction takes at most. */
    public static final int COMPLETION_BATCH = 200;

    /**
     * Completes up to {@link #COMPLETION_BATCH} ACTIVE agreements whose version in force ended before {@code today} (the
     * scheduled job, on every replica): the agreements are claimed, so replicas running it at once complete each one once.
     */
    public Uni<Integer> completeDue(LocalDate today) {
        return Panache.withTransaction(() -> agreements.claimDue(today, COMPLETION_BATCH).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Ending bySchedule = new Ending("SCHEDULE", null, null, null, null, null, null, Instant.now());
            return endAll(due, a -> Agreement.Status.COMPLETED, bySchedule);
        }));
    }

    /**
     * Ends the agreement: COMPLETED or TERMINATED as {@code ending} says, announced as completed or terminated. Every
     * ending goes through here, whoever ends it (a party, both, an admin, the schedule, the system).
     */
    private Uni<Agreement> end(Agreement a, Agreement.Status status, Ending ending) {
        if (status != Agreement.Status.COMPLETED && status != Agreement.Status.TERMINATED) {
            throw new IllegalArgumentException("An agreement ends COMPLETED or TERMINATED, not " + status);
        }
        a.status = status;
        a.ending = ending;
        a.updatedAt = ending.endedAt();
        return events.publish(status == Agreement.Status.COMPLETED ? EventTypes.AGREEMENT_COMPLETED : EventTypes.AGREEMENT_TERMINATED, a)
                .replaceWith(a);
    }

    /** Ends each agreement ({@link #end}) with the status {@code to} gives it, one after the other; the item is how many. */
    private Uni<Integer> endAll(List<Agreement> list, Function<Agreement, Agreement.Status> to, Ending ending) {
        return Multi.createFrom().iterable(list).onItem().transformToUniAndConcatenate(a -> end(a, to.apply(a), ending))
                .collect().asList().map(List::size);
    }

    /**
     * A programme's snapshot (any {@code mentoring.programme.*.v1}): its status is kept unless a newer snapshot is already
     * held, and when it is CANCELLED or COMPLETED the programme's agreements that have not ended end now ({@link #endBySystem}),
     * in the consumer's transaction. Agreements already ended are not touched, so the same snapshot applied again announces
     * nothing.
     */
    public Uni<Void> onProgramme(ProgrammeV1 programme) {
        return programmes.apply(programme).chain(applied -> {
            if (!applied) {
                LOG.debugf("Skipping programme %s snapshot of revision %s: a newer one is held", programme.programmeId(),
                        programme.revision());
                return Uni.createFrom().voidItem();
            }
            ReasonCategory reason = ProgrammeState.CANCELLED.equals(programme.status()) ? ReasonCategory.PROGRAMME_CANCELLED
                    : ProgrammeState.COMPLETED.equals(programme.status()) ? ReasonCategory.PROGRAMME_COMPLETED : null;
            return reason == null ? Uni.createFrom().voidItem() : agreements.claimOpenOfProgramme(programme.programmeId())
                    .chain(open -> endBySystem(open, reason))
                    .invoke(n -> logEnded(n, "programme " + programme.programmeId() + " is " + programme.status()))
                    .replaceWithVoid();
        });
    }

    /**
     * A withdrawn application ({@code mentoring.application.withdrawn.v1}) ends every agreement it is a party of that has not
     * ended ({@link #endBySystem}), for the application's {@code reason}: LEFT_ORGANISATION when the HR system deactivated
     * the person; PROGRAMME_CANCELLED or PROGRAMME_COMPLETED when its programme ended (as the programme's own event, which
     * may come before or after it, would end it); PERSONAL_REASONS for any other reason, i.e. the person withdrew (their own
     * words are theirs and are not copied). Runs inside the consumer's transaction.
     */
    public Uni<Void> onApplicationWithdrawn(ApplicationV1 application) {
        if (!WITHDRAWN.equals(application.status())) {
            return Uni.createFrom().voidItem();
        }
        ReasonCategory reason = SYSTEM_WITHDRAWALS.stream().filter(c -> c.name().equals(application.reason())).findFirst()
                .orElse(ReasonCategory.PERSONAL_REASONS);
        return agreements.claimOpenOfApplication(application.applicationId())
                .chain(open -> endBySystem(open, reason))
                .invoke(n -> logEnded(n, "application " + application.applicationId() + " was withdrawn (" + reason + ")"))
                .replaceWithVoid();
    }

    private static final String WITHDRAWN = "WITHDRAWN";

    /** The reasons of applications that the system withdrew: the agreements end for the same reason. */
    private static final List<ReasonCategory> SYSTEM_WITHDRAWALS = List.of(ReasonCategory.LEFT_ORGANISATION,
            ReasonCategory.PROGRAMME_CANCELLED, ReasonCategory.PROGRAMME_COMPLETED);

    /**
     * Ends agreements that have not ended on another service's decision, endedBy SYSTEM with {@code reason}: TERMINATED,
     * except that when the programme completed an ACTIVE agreement ran its course with it and is COMPLETED (a draft or an
     * unsigned proposal is TERMINATED: nothing was ever in force). The item is how many ended.
     */
    private Uni<Integer> endBySystem(List<Agreement> open, ReasonCategory reason) {
        Ending ending = Ending.bySystem(reason.name(), Instant.now());
        return endAll(open, a -> reason == ReasonCategory.PROGRAMME_COMPLETED && a.status == Agreement.Status.ACTIVE
                ? Agreement.Status.COMPLETED : Agreement.Status.TERMINATED, ending);
    }

    private static void logEnded(int n, String because) {
        if (n > 0) {
            LOG.infof("Ended %d agreements: %s", n, because);
        }
    }
}
