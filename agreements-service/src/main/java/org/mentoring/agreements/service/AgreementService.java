package org.mentoring.agreements.service;

import org.mentoring.platform.security.Viewer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mentoring.agreements.model.Agreement;
import org.mentoring.agreements.model.AgreementComment;
import org.mentoring.agreements.model.AgreementContent;
import org.mentoring.agreements.model.AgreementVersion;
import org.mentoring.agreements.model.Ending;
import org.mentoring.agreements.model.ProgrammeState;
import org.mentoring.agreements.rest.Requests;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.contracts.events.applicants.ApplicationV1;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.contracts.events.matching.MatchV1;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.ProgrammeTeams;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The agreement workflow: a draft on a confirmed match, edits by the pair, proposals frozen with a hash,
 * signatures by both, amendments, endings. Every state change stages its event in the same transaction.
 */
@ApplicationScoped
public class AgreementService {

    private static final Logger LOG = Logger.getLogger(AgreementService.class);

    /** The longest time frame an agreement may span (also the contract's maximum programme length). */
    public static final int MAX_MONTHS = 24;
    static final int DEFAULT_MONTHS = 6;
    static final int DEFAULT_CADENCE_DAYS = 14;

    private final Agreements agreements;
    private final AgreementVersions versions;
    private final AgreementComments comments;
    private final AgreementEvents events;
    private final ErasedApplications erased;
    private final ProgrammeTeams teams;
    private final AccessLog accessLog;
    private final ProgrammeStates programmes;

    public AgreementService(Agreements agreements, AgreementVersions versions, AgreementComments comments, AgreementEvents events,
                            ErasedApplications erased, ProgrammeTeams teams, AccessLog accessLog, ProgrammeStates programmes) {
        this.programmes = programmes;
        this.teams = teams;
        this.accessLog = accessLog;
        this.agreements = agreements;
        this.versions = versions;
        this.comments = comments;
        this.events = events;
        this.erased = erased;
    }

    /** An agreement with the first of its comments (one more than asked for when more exist), as the pair or an admin reads it. */
    public record Details(Agreement agreement, List<AgreementComment> comments) {
    }

    public record Proposed(Agreement agreement, AgreementVersion version) {
    }

    /** A new comment with the agreement it was made on (whose version, and so ETag, a comment does not change). */
    public record Commented(Agreement agreement, AgreementComment comment) {
    }

    // ---- the draft on a confirmed match -------------------------------------------------------------------

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
                List.of(), start, start.plusMonths(Math.min(Math.max(months, 1), MAX_MONTHS)),
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

    // ---- reading ------------------------------------------------------------------------------------------

    /** What the reads of an agreement and of its parts are called in the access log. */
    public static final String AGREEMENT = "agreement";
    static final String COMMENTS = "agreement comments";
    static final String VERSIONS = "agreement versions";
    static final String VERSION = "agreement version";
    static final String DOCUMENT = "agreement document";

    @WithSession
    public Uni<List<Agreement>> page(UUID programmeId, Agreement.Status status, Viewer viewer, Cursor after, int limit) {
        if (!viewer.admin()) {
            return agreements.page(programmeId, null, status, viewer.subject(), after, limit + 1);
        }
        if (programmeId != null) {
            return teams.requireAdmin(programmeId).chain(() -> agreements.page(programmeId, null, status, null, after, limit + 1));
        }
        return teams.administered().chain(mine -> mine.isEmpty() ? Uni.createFrom().item(List.<Agreement>of())
                : agreements.page(null, mine, status, null, after, limit + 1));
    }

    /** The agreement with its first {@code commentLimit} comments, and one more if more exist. */
    @WithSession
    public Uni<Details> get(UUID id, Viewer viewer, int commentLimit) {
        return read(id, viewer, AGREEMENT).chain(a -> comments.page(a.id, null, commentLimit + 1).map(list -> new Details(a, list)));
    }

    /** A page of an agreement's comments, oldest first: up to {@code limit}, and one more if more exist. */
    @WithSession
    public Uni<List<AgreementComment>> comments(UUID id, Viewer viewer, Cursor after, int limit) {
        return read(id, viewer, COMMENTS).chain(a -> comments.page(a.id, after, limit + 1));
    }

    @WithSession
    public Uni<List<AgreementVersion>> history(UUID id, Viewer viewer) {
        return read(id, viewer, VERSIONS).chain(a -> versions.history(a.id));
    }

    @WithSession
    public Uni<AgreementVersion> version(UUID id, int number, Viewer viewer) {
        return read(id, viewer, VERSION).chain(a -> versions.of(a.id, number)).map(v -> {
            if (v == null) {
                throw ProblemException.notFound("Version", number);
            }
            return v;
        });
    }

    /** The version in force with its signatures, for the document. */
    @WithSession
    public Uni<Proposed> inForce(UUID id, Viewer viewer) {
        return read(id, viewer, DOCUMENT).chain(a -> {
            if (a.versionInForce == null) {
                throw new ProblemException(ProblemType.INVALID_STATE, "No version of this agreement is in force yet: both must sign a proposed version first.");
            }
            return versions.of(a.id, a.versionInForce).map(v -> new Proposed(a, v));
        });
    }

    /**
     * Counts by status of one programme, or of all for an HR system; a programme admin counts only a programme of their
     * team and must name it.
     */
    @WithSession
    public Uni<Map<String, Long>> countsByStatus(UUID programmeId, boolean hr) {
        if (!hr && programmeId == null) {
            return Uni.createFrom().failure(ProblemException.invalidField("programmeId",
                    "is required for a programme admin: name one of your programmes"));
        }
        return (hr ? Uni.createFrom().voidItem() : teams.requireAdmin(programmeId)).chain(() -> agreements.countByStatus(programmeId)).map(rows -> {
            Map<String, Long> counts = new TreeMap<>();
            for (Agreement.Status s : Agreement.Status.values()) {
                counts.put(s.name(), 0L);
            }
            rows.forEach(r -> counts.put(r[0].toString(), ((Number) r[1]).longValue()));
            return counts;
        });
    }

    // ---- editing ------------------------------------------------------------------------------------------

    /**
     * Replaces the draft. The mentee owns agenda topics and goals; both edit the logistics. Editing a proposed
     * version starts version N+1 and voids N with its signatures. An ACTIVE agreement changes only by amendment.
     */
    @WithTransaction
    public Uni<Agreement> editDraft(UUID id, Viewer viewer, Requests.DraftRequest r, String ifMatch) {
        return party(id, viewer).chain(a -> {
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
            return voidOpenProposal(a, now).chain(() -> {
                a.latestVersion++;
                a.status = Agreement.Status.DRAFT;
                return events.publish(EventTypes.AGREEMENT_DRAFTED, a);
            }).replaceWith(a);
        });
    }

    @WithTransaction
    public Uni<Commented> comment(UUID id, Viewer viewer, Requests.CommentRequest r) {
        return party(id, viewer).chain(a -> {
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

    // ---- versions and signatures --------------------------------------------------------------------------

    /** Freezes the draft as version N with the SHA-256 of its canonical JSON; both are then asked to sign it. */
    @WithTransaction
    public Uni<Proposed> propose(UUID id, Viewer viewer, String ifMatch) {
        return party(id, viewer).chain(a -> {
            ETags.requireMatch(ifMatch, a.version);
            requireNotEnded(a);
            if (a.status == Agreement.Status.ACTIVE) {
                throw new ProblemException(ProblemType.INVALID_STATE, "This agreement is ACTIVE: propose changes as an amendment.");
            }
            if (a.status == Agreement.Status.PROPOSED) {
                throw new ProblemException(ProblemType.INVALID_STATE, "Version " + a.openProposal + " is already proposed: sign it, or edit the draft to start a new version.");
            }
            checkTimeFrame(a.content.startDate(), a.content.endDate());
            AgreementVersion v = freeze(a, a.latestVersion, a.content, viewer.subject());
            a.openProposal = v.number;
            a.status = Agreement.Status.PROPOSED;
            a.updatedAt = v.proposedAt;
            return versions.persist(v).chain(() -> events.publish(EventTypes.AGREEMENT_PROPOSED, a)).replaceWith(new Proposed(a, v));
        });
    }

    /**
     * One party signs version {@code number}, which must be the version open for signature. The second signature
     * puts it in force: the agreement becomes ACTIVE (or, for an amendment, the amended version replaces the old one).
     */
    @WithTransaction
    public Uni<Proposed> sign(UUID id, int number, Viewer viewer, String ifMatch) {
        return party(id, viewer).chain(a -> {
            ETags.requireMatch(ifMatch, a.version);
            requireNotEnded(a);
            if (a.openProposal == null || a.openProposal != number) {
                throw new ProblemException(ProblemType.INVALID_STATE, "Version " + number + " is not open for signature"
                        + (a.openProposal == null ? ": no version is proposed." : "; the latest proposed version is " + a.openProposal + "."));
            }
            Agreement.Party party = a.partyOf(viewer.subject());
            return versions.of(a.id, number).chain(v -> {
                Instant now = Instant.now();
                if (party == Agreement.Party.MENTEE) {
                    if (v.menteeSignedAt != null) {
                        throw new ProblemException(ProblemType.ALREADY_DONE, "You already signed version " + number + " at " + v.menteeSignedAt + ".");
                    }
                    v.menteeSigner = viewer.subject();
                    v.menteeSignedAt = now;
                } else {
                    if (v.mentorSignedAt != null) {
                        throw new ProblemException(ProblemType.ALREADY_DONE, "You already signed version " + number + " at " + v.mentorSignedAt + ".");
                    }
                    v.mentorSigner = viewer.subject();
                    v.mentorSignedAt = now;
                }
                a.updatedAt = now;
                if (v.menteeSignedAt == null || v.mentorSignedAt == null) {
                    return events.publish(EventTypes.AGREEMENT_SIGNED, a).replaceWith(new Proposed(a, v));
                }
                boolean amendment = a.versionInForce != null;
                Uni<Void> supersede = amendment
                        ? versions.of(a.id, a.versionInForce).invoke(old -> {
                            old.status = AgreementVersion.Status.SUPERSEDED;
                            old.closedAt = now;
                        }).replaceWithVoid()
                        : Uni.createFrom().voidItem();
                return supersede.chain(() -> {
                    v.status = AgreementVersion.Status.IN_FORCE;
                    v.inForceAt = now;
                    a.versionInForce = number;
                    a.inForceContent = v.content;
                    a.inForceEndDate = v.content.endDate();
                    a.openProposal = null;
                    a.status = Agreement.Status.ACTIVE;
                    return events.publish(EventTypes.AGREEMENT_SIGNED, a)
                            .chain(() -> events.publish(amendment ? EventTypes.AGREEMENT_AMENDED : EventTypes.AGREEMENT_ACTIVATED, a));
                }).replaceWith(new Proposed(a, v));
            });
        });
    }

    /**
     * Proposes an amendment of an ACTIVE agreement as version N+1 (a pending amendment is voided). The version in
     * force stays in force until both have signed the amendment.
     */
    @WithTransaction
    public Uni<Proposed> amend(UUID id, Viewer viewer, Requests.AmendmentRequest r, String ifMatch) {
        return party(id, viewer).chain(a -> {
            ETags.requireMatch(ifMatch, a.version);
            requireNotEnded(a);
            if (a.status != Agreement.Status.ACTIVE) {
                throw new ProblemException(ProblemType.INVALID_STATE, "Only an ACTIVE agreement is amended; this one is " + a.status + ": edit its draft instead.");
            }
            if (r.endDate() == null && r.meetingCadenceDays() == null && r.agendaTopics() == null) {
                throw ProblemException.invalidField("body", "must change at least one of endDate, meetingCadenceDays, agendaTopics");
            }
            AgreementContent base = a.inForceContent;
            if (a.partyOf(viewer.subject()) == Agreement.Party.MENTOR && r.agendaTopics() != null) {
                requireUnchangedByMentor("agendaTopics", base.agendaTopics(), r.agendaTopics());
            }
            LocalDate end = r.endDate() != null ? r.endDate() : base.endDate();
            checkTimeFrame(base.startDate(), end);
            AgreementContent next = new AgreementContent(
                    r.agendaTopics() != null ? List.copyOf(r.agendaTopics()) : base.agendaTopics(), base.goals(),
                    base.startDate(), end, r.meetingCadenceDays() != null ? r.meetingCadenceDays() : base.meetingCadenceDays(),
                    base.firstMeetingsInPerson(), base.preferredFormat(), base.confidentiality(), base.rulesOfConduct());
            if (next.equals(base)) {
                throw ProblemException.invalidField("body", "changes nothing in the version in force");
            }
            Instant now = Instant.now();
            return voidOpenProposal(a, now).chain(() -> {
                a.latestVersion++;
                AgreementVersion v = freeze(a, a.latestVersion, next, viewer.subject());
                a.content = next;
                a.openProposal = v.number;
                a.updatedAt = now;
                return versions.persist(v).chain(() -> events.publish(EventTypes.AGREEMENT_PROPOSED, a)).replaceWith(new Proposed(a, v));
            });
        });
    }

    // ---- endings ------------------------------------------------------------------------------------------

    /**
     * Ends the agreement early. A party gives a reason category, optionally a private comment, and whether the
     * closing conversation took place (and when); an admin ends it for programme reasons with a written reason.
     */
    @WithTransaction
    public Uni<Agreement> terminate(UUID id, Viewer viewer, Requests.TerminationRequest r, String ifMatch) {
        return visible(id, viewer).chain(a -> {
            requireChosenByPeople(r.reasonCategory());
            ETags.requireMatch(ifMatch, a.version);
            requireNotEnded(a);
            Agreement.Party party = a.partyOf(viewer.subject());
            Instant now = Instant.now();
            Requests.ClosingConversation closing = r.closingConversation();
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
        return party(id, viewer).chain(a -> {
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

    // ---- other services' decisions ------------------------------------------------------------------------

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
            Requests.ReasonCategory reason = ProgrammeState.CANCELLED.equals(programme.status()) ? Requests.ReasonCategory.PROGRAMME_CANCELLED
                    : ProgrammeState.COMPLETED.equals(programme.status()) ? Requests.ReasonCategory.PROGRAMME_COMPLETED : null;
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
        Requests.ReasonCategory reason = SYSTEM_WITHDRAWALS.stream().filter(c -> c.name().equals(application.reason())).findFirst()
                .orElse(Requests.ReasonCategory.PERSONAL_REASONS);
        return agreements.claimOpenOfApplication(application.applicationId())
                .chain(open -> endBySystem(open, reason))
                .invoke(n -> logEnded(n, "application " + application.applicationId() + " was withdrawn (" + reason + ")"))
                .replaceWithVoid();
    }

    private static final String WITHDRAWN = "WITHDRAWN";

    /** The reasons of applications that the system withdrew: the agreements end for the same reason. */
    private static final List<Requests.ReasonCategory> SYSTEM_WITHDRAWALS = List.of(Requests.ReasonCategory.LEFT_ORGANISATION,
            Requests.ReasonCategory.PROGRAMME_CANCELLED, Requests.ReasonCategory.PROGRAMME_COMPLETED);

    /**
     * Ends agreements that have not ended on another service's decision, endedBy SYSTEM with {@code reason}: TERMINATED,
     * except that when the programme completed an ACTIVE agreement ran its course with it and is COMPLETED (a draft or an
     * unsigned proposal is TERMINATED: nothing was ever in force). The item is how many ended.
     */
    private Uni<Integer> endBySystem(List<Agreement> open, Requests.ReasonCategory reason) {
        Ending ending = Ending.bySystem(reason.name(), Instant.now());
        return endAll(open, a -> reason == Requests.ReasonCategory.PROGRAMME_COMPLETED && a.status == Agreement.Status.ACTIVE
                ? Agreement.Status.COMPLETED : Agreement.Status.TERMINATED, ending);
    }

    private static void logEnded(int n, String because) {
        if (n > 0) {
            LOG.infof("Ended %d agreements: %s", n, because);
        }
    }

    // ---- erasure ------------------------------------------------------------------------------------------

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

    // ---- helpers ------------------------------------------------------------------------------------------

    private AgreementVersion freeze(Agreement a, int number, AgreementContent content, String by) {
        AgreementVersion v = new AgreementVersion();
        v.id = UUID.randomUUID();
        v.agreementId = a.id;
        v.number = number;
        v.status = AgreementVersion.Status.PROPOSED;
        v.content = content;
        v.contentHash = ContentHash.sha256(a, number, content);
        v.proposedBy = by;
        v.proposedAt = Instant.now();
        return v;
    }

    private Uni<Void> voidOpenProposal(Agreement a, Instant now) {
        if (a.openProposal == null) {
            return Uni.createFrom().voidItem();
        }
        int open = a.openProposal;
        a.openProposal = null;
        return versions.of(a.id, open).invoke(v -> {
            v.status = AgreementVersion.Status.VOIDED;
            v.closedAt = now;
        }).replaceWithVoid();
    }

    /** The agreement for one of its parties, or for an admin on its programme's team; 404 for everyone else. */
    private Uni<Agreement> visible(UUID id, Viewer viewer) {
        return agreements.findById(id).call(a -> {
            if (a == null || (!viewer.admin() && a.partyOf(viewer.subject()) == null)) {
                throw ProblemException.notFound("Agreement", id);
            }
            return a.partyOf(viewer.subject()) != null ? Uni.createFrom().voidItem()
                    : teams.requireAdmin(a.programmeId, () -> ProblemException.notFound("Agreement", id));
        });
    }

    /**
     * The agreement as {@link #visible} finds it, for a read of {@code what}: an admin of its team who is not a party
     * reads the pair's data, which the programme's access log records (or which the programme's admin access refuses).
     */
    private Uni<Agreement> read(UUID id, Viewer viewer, String what) {
        return visible(id, viewer).call(a -> a.partyOf(viewer.subject()) != null ? Uni.createFrom().voidItem()
                : accessLog.read(a.programmeId, what, a.id, parties(a)));
    }

    /** The two people an agreement is about. */
    public static Collection<String> parties(Agreement a) {
        return Arrays.asList(a.menteeApplicantId, a.mentorApplicantId);
    }

    /** The agreement of which the caller is a party: anyone else gets 404, an admin who is not a party 403. */
    private Uni<Agreement> party(UUID id, Viewer viewer) {
        return visible(id, viewer).map(a -> {
            if (a.partyOf(viewer.subject()) == null) {
                throw ProblemException.forbidden("Only the mentee and the mentor of this agreement may do this.");
            }
            return a;
        });
    }

    /** 422 for a category only the system sets: a person or admin chooses among the others. */
    private static void requireChosenByPeople(Requests.ReasonCategory category) {
        if (category.systemOnly()) {
            throw new ProblemException(ProblemType.REASON_SET_BY_SYSTEM, "The reason category " + category + " is set by the system alone, when the programme ends or one of the pair "
                            + "leaves the organisation; end the agreement with one of " + Requests.ReasonCategory.chosenByPeople() + ".",
                    List.of(new Problem.FieldError("reasonCategory", "must be one of " + Requests.ReasonCategory.chosenByPeople())));
        }
    }

    private static void requireNotEnded(Agreement a) {
        if (a.ended()) {
            throw new ProblemException(ProblemType.INVALID_STATE, "This agreement is " + a.status + ": it no longer changes.");
        }
    }

    private static void requireUnchangedByMentor(String field, List<String> current, List<String> requested) {
        if (!Objects.equals(new ArrayList<>(current), new ArrayList<>(requested))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The mentee owns " + field + ": as the mentor, suggest changes with a comment instead.",
                    List.of(new Problem.FieldError(field, "may only be changed by the mentee")));
        }
    }

    /** A draft starts within {@value #MAX_MONTHS} months of today (also keeps its dates far from the calendar's limits). */
    static void checkStart(LocalDate start, LocalDate today) {
        LocalDate earliest = today.minusMonths(MAX_MONTHS);
        LocalDate latest = today.plusMonths(MAX_MONTHS);
        if (start.isBefore(earliest) || start.isAfter(latest)) {
            throw ProblemException.invalidField("startDate", "must be within " + MAX_MONTHS + " months of today, between "
                    + earliest + " and " + latest);
        }
    }

    static void checkTimeFrame(LocalDate start, LocalDate end) {
        if (!end.isAfter(start)) {
            throw ProblemException.invalidField("endDate", "must be after startDate " + start);
        }
        if (end.isAfter(start.plusMonths(MAX_MONTHS))) {
            throw ProblemException.invalidField("endDate", "must be at most " + MAX_MONTHS + " months after startDate " + start
                    + " (the programme's maximum)");
        }
    }
}
