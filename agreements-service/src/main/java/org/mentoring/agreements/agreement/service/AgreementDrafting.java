package org.mentoring.agreements.agreement.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementComment;
import org.mentoring.agreements.agreement.model.AgreementContent;
import org.mentoring.agreements.agreement.model.MeetingFormat;
import org.mentoring.agreements.erasure.service.ErasedApplicationRepository;
import org.mentoring.agreements.programme.service.ProgrammeStates;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.matching.MatchV1;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Viewer;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import static org.mentoring.agreements.agreement.service.AgreementRules.checkStart;
import static org.mentoring.agreements.agreement.service.AgreementRules.checkTimeFrame;
import static org.mentoring.agreements.agreement.service.AgreementRules.requireNotEnded;
import static org.mentoring.agreements.agreement.service.AgreementRules.requireUnchangedByMentor;

/**
 * The draft: opened on a confirmed match, edited by the pair (the mentee owns agenda topics and goals, both the
 * logistics), commented on. Every state change stages its event in the same transaction.
 */
@ApplicationScoped
public class AgreementDrafting {

    private static final Logger LOG = Logger.getLogger(AgreementDrafting.class);

    static final int DEFAULT_MONTHS = 6;
    static final int DEFAULT_CADENCE_DAYS = 14;

    private final AgreementRepository agreements;
    private final AgreementCommentRepository comments;
    private final AgreementEvents events;
    private final ErasedApplicationRepository erased;
    private final ProgrammeStates programmes;
    private final AgreementAccess access;
    private final AgreementSigning signing;

    public AgreementDrafting(AgreementRepository agreements, AgreementCommentRepository comments, AgreementEvents events, ErasedApplicationRepository erased,
                             ProgrammeStates programmes, AgreementAccess access, AgreementSigning signing) {
        this.agreements = agreements;
        this.comments = comments;
        this.events = events;
        this.erased = erased;
        this.programmes = programmes;
        this.access = access;
        this.signing = signing;
    }

    /**
     * The new content of a draft as a party submits it; the rules of conduct are fixed and not part of it.
     * {@code preferredFormat} is null when neither said; {@code mayBeShared} lists the exceptions to confidentiality.
     */
    public record DraftEdit(List<String> agendaTopics, List<String> goals, LocalDate startDate, LocalDate endDate,
                            int meetingCadenceDays, int firstMeetingsInPerson, MeetingFormat preferredFormat,
                            List<AgreementContent.SharingPermission> mayBeShared) {
    }

    /** A party's comment or suggestion; {@code field} names the draft field it is about, if any. */
    public record NewComment(String text, String field) {
    }

    /** A new comment with the agreement it was made on (whose version, and so ETag, a comment does not change). */
    public record Commented(Agreement agreement, AgreementComment comment) {
    }

    /**
     * Opens the draft (version 1) of a confirmed match, once per match. Runs inside the consumer's transaction.
     * The start date is the next Monday after today (so between 1 and 7 days ahead, UTC); the end date is the start plus
     * the programme's months. A person erased before the match arrived is named by their pseudonym, as if the erasure had
     * come second. A match of a programme already CANCELLED or COMPLETED opens nothing: the draft could never be worked on.
     */
    public Uni<Void> onMatchConfirmed(MatchV1 match) {
        return agreements.byMatch(match.matchId()).chain(existing -> existing != null ? Uni.createFrom().voidItem()
                : programmes.lockForDrafting(match.programmeId()).chain(programme -> {
                    if (programme.ended()) {
                        // a match confirmed late: the programme has ended, so there is nothing left to agree on
                        LOG.infof("No draft for match %s: its programme %s is %s", match.matchId(), match.programmeId(), programme.status);
                        return Uni.createFrom().voidItem();
                    }
                    return draft(match);
                }));
    }

    private Uni<Void> draft(MatchV1 match) {
        Instant now = Instant.now();
        int months = match.agreementDefaults() != null ? match.agreementDefaults().months() : DEFAULT_MONTHS;
        int cadence = match.agreementDefaults() != null ? match.agreementDefaults().meetingCadenceDays() : DEFAULT_CADENCE_DAYS;
        LocalDate start = nextMonday(LocalDate.now(ZoneOffset.UTC));
        Agreement a = new Agreement();
        a.id = UUID.randomUUID();
        a.matchId = match.matchId();
        a.programmeId = match.programmeId();
        a.status = Agreement.Status.DRAFT;
        a.menteeApplicationId = match.mentee().applicationId();
        a.menteeApplicantId = match.mentee().applicantId();
        a.menteeDisplayName = match.mentee().displayName();
        a.mentorApplicationId = match.mentor().applicationId();
        a.mentorApplicantId = match.mentor().applicantId();
        a.mentorDisplayName = match.mentor().displayName();
        a.content = new AgreementContent(
                match.agendaTopics() == null ? List.of() : List.copyOf(match.agendaTopics()),
                List.of(), start, start.plusMonths(Math.min(Math.max(months, 1), AgreementRules.MAX_MONTHS)),
                Math.min(Math.max(cadence, 1), 92),
                "IN_PERSON".equals(match.preferredFormat()) ? 1 : 0,
                match.preferredFormat(),
                new AgreementContent.Confidentiality(true, List.of()),
                AgreementContent.RULES_OF_CONDUCT);
        a.latestVersion = 1;
        a.createdAt = now;
        a.updatedAt = now;
        return erased.pseudonymise(a).chain(agreements::persist).chain(saved -> events.publish(EventTypes.AGREEMENT_DRAFTED, saved));
    }

    static LocalDate nextMonday(LocalDate today) {
        return today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    /**
     * Replaces the draft. The mentee owns agenda topics and goals; both edit the logistics. Editing a proposed
     * version starts version N+1 and voids N with its signatures. An ACTIVE agreement changes only by amendment.
     */
    @WithTransaction
    public Uni<Agreement> editDraft(UUID id, Viewer viewer, DraftEdit r, String ifMatch) {
        return access.party(id, viewer).chain(a -> {
            ETags.requireMatch(ifMatch, a.version);
            requireNotEnded(a);
            if (a.status == Agreement.Status.ACTIVE) {
                throw new ProblemException(ProblemType.INVALID_STATE, "This agreement is ACTIVE: its version " + a.versionInForce
                        + " is in force and changes only through an amendment (POST /api/v1/agreements/" + a.id + "/amendments).");
            }
            checkStart(r.startDate(), LocalDate.now(ZoneOffset.UTC));
            checkTimeFrame(r.startDate(), r.endDate());
            Agreement.Party party = a.partyOf(viewer.subject());
            if (party == Agreement.Party.MENTOR) {
                requireUnchangedByMentor("agendaTopics", a.content.agendaTopics(), r.agendaTopics());
                requireUnchangedByMentor("goals", a.content.goals(), r.goals());
            }
            AgreementContent next = new AgreementContent(List.copyOf(r.agendaTopics()), List.copyOf(r.goals()), r.startDate(),
                    r.endDate(), r.meetingCadenceDays(), r.firstMeetingsInPerson(),
                    r.preferredFormat() == null ? null : r.preferredFormat().name(),
                    new AgreementContent.Confidentiality(true, List.copyOf(r.mayBeShared())), AgreementContent.RULES_OF_CONDUCT);
            if (next.equals(a.content)) {
                return Uni.createFrom().item(a);
            }
            Instant now = Instant.now();
            a.content = next;
            a.updatedAt = now;
            if (!a.latestFrozen()) {
                return Uni.createFrom().item(a);
            }
            // the proposed version is voided with its signatures; the edit is version N+1
            return signing.voidOpenProposal(a, now).chain(() -> {
                a.latestVersion++;
                a.status = Agreement.Status.DRAFT;
                return events.publish(EventTypes.AGREEMENT_DRAFTED, a);
            }).replaceWith(a);
        });
    }

    @WithTransaction
    public Uni<Commented> comment(UUID id, Viewer viewer, NewComment r) {
        return access.party(id, viewer).chain(a -> {
            requireNotEnded(a);
            AgreementComment c = new AgreementComment();
            c.id = UUID.randomUUID();
            c.agreementId = a.id;
            c.authorApplicantId = viewer.subject();
            c.authorParty = a.partyOf(viewer.subject());
            c.field = r.field();
            c.text = r.text();
            c.createdAt = Instant.now();
            return comments.persist(c).map(saved -> new Commented(a, saved));
        });
    }
}
