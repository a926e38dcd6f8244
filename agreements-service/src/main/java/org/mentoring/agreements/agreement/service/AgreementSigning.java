package org.mentoring.agreements.agreement.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementContent;
import org.mentoring.agreements.agreement.model.AgreementVersion;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Viewer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.mentoring.agreements.agreement.service.AgreementRules.checkTimeFrame;
import static org.mentoring.agreements.agreement.service.AgreementRules.requireNotEnded;
import static org.mentoring.agreements.agreement.service.AgreementRules.requireUnchangedByMentor;

/**
 * Versions and signatures: a draft frozen as version N with the hash of its content, signed by both to come into
 * force; an ACTIVE agreement amended as version N+1, in force once both sign it.
 */
@ApplicationScoped
public class AgreementSigning {

    private final AgreementVersionRepository versions;
    private final AgreementEvents events;
    private final AgreementAccess access;

    public AgreementSigning(AgreementVersionRepository versions, AgreementEvents events, AgreementAccess access) {
        this.versions = versions;
        this.events = events;
        this.access = access;
    }

    /** The changes an amendment makes to the version in force; each one left null keeps its value. */
    public record Amendment(LocalDate endDate, Integer meetingCadenceDays, List<String> agendaTopics) {
    }

    /** An agreement with one of its versions (the one proposed, signed or in force). */
    public record Proposed(Agreement agreement, AgreementVersion version) {
    }

    /** Freezes the draft as version N with the SHA-256 of its canonical JSON; both are then asked to sign it. */
    @WithTransaction
    public Uni<Proposed> propose(UUID id, Viewer viewer, String ifMatch) {
        return access.party(id, viewer).chain(a -> {
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
        return access.party(id, viewer).chain(a -> {
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
    public Uni<Proposed> amend(UUID id, Viewer viewer, Amendment r, String ifMatch) {
        return access.party(id, viewer).chain(a -> {
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

    AgreementVersion freeze(Agreement a, int number, AgreementContent content, String by) {
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

    /** Voids the version open for signature, if any, with its signatures. */
    Uni<Void> voidOpenProposal(Agreement a, Instant now) {
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
}
