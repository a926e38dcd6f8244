package org.mentoring.applicants.programme.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.service.ApplicationCascades;
import org.mentoring.applicants.application.service.ApplicationRepository;
import org.mentoring.applicants.programme.model.Programme;
import org.mentoring.applicants.programme.model.ProgrammeStatus;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.http.ETags;
import org.mentoring.platform.outbox.Outbox;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.security.Caller;
import org.mentoring.platform.security.ProgrammeTeams;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Programmes: creation, replacement while editable, and the lifecycle, each change with its event. */
@ApplicationScoped
public class ProgrammeService {

    private final ProgrammeRepository programmes;
    private final ApplicationRepository applications;
    private final ApplicationCascades cascades;
    private final Outbox outbox;
    private final ProgrammeTeams teams;
    private final Caller caller;

    public ProgrammeService(ProgrammeRepository programmes, ApplicationRepository applications, ApplicationCascades cascades,
                            Outbox outbox, ProgrammeTeams teams, Caller caller) {
        this.programmes = programmes;
        this.applications = applications;
        this.cascades = cascades;
        this.outbox = outbox;
        this.teams = teams;
        this.caller = caller;
    }

    /** Creates a draft whose first owner is its creator; a platform admin can then hand it to its team. */
    @WithTransaction
    public Uni<Programme> create(ProgrammeDefinition definition, String adminId) {
        validate(definition);
        Programme p = new Programme();
        p.id = UUID.randomUUID();
        p.status = ProgrammeStatus.DRAFT;
        p.createdBy = adminId;
        p.createdAt = Instant.now();
        apply(definition, p);
        return programmes.persist(p)
                .call(Panache::flush)
                .call(saved -> teams.apply(saved.id, saved.version, new ProgrammeV1.Team(List.of(adminId), List.of())))
                .call(saved -> publish(EventTypes.PROGRAMME_CREATED, saved));
    }

    /** A programme as its caller may see it: a draft only for its team and platform admins. */
    @WithSession
    public Uni<Programme> get(UUID id) {
        return programmes.findById(id).call(p -> p == null || p.status != ProgrammeStatus.DRAFT || caller.isPlatformAdmin()
                ? Uni.createFrom().voidItem()
                : teams.requireAdmin(id, () -> ProblemException.notFound("Programme", id))).map(p -> {
            if (p == null) {
                throw ProblemException.notFound("Programme", id);
            }
            return p;
        });
    }

    /** Programmes in creation order; drafts only those of the caller's teams (all of them for a platform admin). */
    @WithSession
    public Uni<List<Programme>> page(Cursor after, int limit) {
        if (caller.isPlatformAdmin()) {
            return programmes.page(after, limit + 1, null);
        }
        return teams.administered().chain(mine -> programmes.page(after, limit + 1, mine));
    }

    /** A programme whose aggregates the caller may read: any for an HR system, those of their teams for an admin. */
    @WithSession
    public Uni<Programme> forStatistics(UUID id) {
        return (caller.hasRole(Caller.HR_INTEGRATION) ? Uni.createFrom().voidItem() : requireAdmin(id))
                .chain(() -> programmes.findById(id))
                .map(p -> {
                    if (p == null) {
                        throw ProblemException.notFound("Programme", id);
                    }
                    return p;
                });
    }

    /** Fails with 404 unless the caller is on the programme's team. */
    public Uni<Void> requireAdmin(UUID id) {
        return teams.requireAdmin(id, () -> ProblemException.notFound("Programme", id));
    }

    /**
     * The programme's team, for its members and platform admins; 404 for everyone else.
     */
    @WithSession
    public Uni<TeamOf> team(UUID id) {
        return programmes.findById(id).call(p -> p == null || caller.isPlatformAdmin() ? Uni.createFrom().voidItem() : requireAdmin(id))
                .chain(p -> {
                    if (p == null) {
                        throw ProblemException.notFound("Programme", id);
                    }
                    return teams.team(id).map(team -> new TeamOf(p, team));
                });
    }

    /**
     * Replaces the programme's team: a platform admin or one of its owners may; a co-admin gets 403, anyone else 404.
     * The team must keep an owner, and nobody can be both owner and co-admin; a null {@code adminAccess} keeps the
     * current one. Publishes the programme with its new team, so every service applies it.
     */
    @WithTransaction
    public Uni<TeamOf> replaceTeam(UUID id, ProgrammeV1.Team team, String adminAccess, String ifMatch) {
        validate(team);
        return programmes.findById(id)
                .call(p -> p == null || caller.isPlatformAdmin() ? Uni.createFrom().voidItem() : requireAdmin(id)
                        .chain(() -> teams.owns(id)).invoke(owner -> {
                            if (!owner) {
                                throw ProblemException.forbidden("Only the programme's owners or a platform admin can change its team.");
                            }
                        }))
                .chain(p -> {
                    if (p == null) {
                        throw ProblemException.notFound("Programme", id);
                    }
                    ETags.requireMatch(ifMatch, p.version);
                    p.updatedAt = Instant.now();
                    return Panache.flush()
                            .chain(() -> adminAccess != null ? Uni.createFrom().item(adminAccess) : teams.adminAccess(id))
                            .chain(access -> teams.apply(id, p.version, new ProgrammeV1.Team(team.owners(), team.coAdmins(), access)))
                            .chain(() -> publish(EventTypes.PROGRAMME_UPDATED, p))
                            .chain(() -> teams.team(id))
                            .map(stored -> new TeamOf(p, stored));
                });
    }

    /** A programme with its team. */
    public record TeamOf(Programme programme, ProgrammeV1.Team team) {
    }

    /**
     * Replaces what an admin defines, while the programme is DRAFT, OPEN or CLOSED. A topic that a live
     * application chose cannot be removed, nor the mentor capacity go below what a live mentor application chose.
     */
    @WithTransaction
    public Uni<Programme> replace(UUID id, ProgrammeDefinition definition, String ifMatch) {
        validate(definition);
        return requireAdmin(id).chain(() -> programmes.findById(id)).chain(p -> {
            if (p == null) {
                throw ProblemException.notFound("Programme", id);
            }
            ETags.requireMatch(ifMatch, p.version);
            if (!p.status.editable()) {
                throw new ProblemException(ProblemType.INVALID_STATE, "A programme that is " + p.status + " can no longer be changed.");
            }
            Set<String> kept = new HashSet<>();
            definition.topics().forEach(t -> kept.add(t.code()));
            return applications.liveOf(id).map(live -> {
                Set<String> inUse = new TreeSet<>();
                live.forEach(a -> a.topics.stream().filter(code -> !kept.contains(code)).forEach(inUse::add));
                if (!inUse.isEmpty()) {
                    throw new ProblemException(ProblemType.IN_USE, "Topics " + inUse + " are chosen by live applications and cannot be removed.");
                }
                int capacity = matching(definition.matching()).mentorCapacity();
                int chosen = live.stream().filter(a -> a.mentorCapacity != null).mapToInt(a -> a.mentorCapacity).max().orElse(0);
                if (chosen > capacity) {
                    throw new ProblemException(ProblemType.IN_USE, "A live mentor application takes up to " + chosen + " mentees: the programme's "
                            + "matching.mentorCapacity cannot go below " + chosen + ".");
                }
                apply(definition, p);
                return p;
            });
        }).call(p -> publish(EventTypes.PROGRAMME_UPDATED, p));
    }

    /**
     * Moves a programme along its lifecycle; an illegal move is 409. A programme that ends takes its live
     * applications along in the same transaction: on COMPLETED a matched one completes and the others are withdrawn
     * ({@code PROGRAMME_COMPLETED}); on CANCELLED all are withdrawn ({@code PROGRAMME_CANCELLED}).
     */
    @WithTransaction
    public Uni<Programme> transition(UUID id, ProgrammeStatus to, String ifMatch) {
        return requireAdmin(id).chain(() -> programmes.findById(id)).map(p -> {
            if (p == null) {
                throw ProblemException.notFound("Programme", id);
            }
            ETags.requireMatch(ifMatch, p.version);
            if (!p.status.next().contains(to)) {
                throw new ProblemException(ProblemType.INVALID_STATE, "A programme cannot go from " + p.status + " to " + to + "; from "
                        + p.status + " it can go to " + (p.status.next().isEmpty() ? "nothing" : p.status.next()) + ".");
            }
            p.status = to;
            p.updatedAt = Instant.now();
            return p;
        }).call(p -> publish(switch (to) {
            case OPEN -> EventTypes.PROGRAMME_OPENED;
            case CLOSED -> EventTypes.PROGRAMME_CLOSED;
            case IN_PROGRESS -> EventTypes.PROGRAMME_STARTED;
            case COMPLETED -> EventTypes.PROGRAMME_COMPLETED;
            case CANCELLED -> EventTypes.PROGRAMME_CANCELLED;
            case DRAFT -> throw new IllegalStateException("no transition leads to DRAFT");
        }, p)).call(p -> switch (to) {
            case COMPLETED -> cascades.programmeCompleted(p.id, caller.subject());
            case CANCELLED -> cascades.programmeCancelled(p.id, caller.subject());
            default -> Uni.createFrom().voidItem();
        });
    }

    /** Flushes first, so that the event's revision is the version this change gets; the event carries the team. */
    private Uni<?> publish(String type, Programme p) {
        return Panache.flush().chain(() -> teams.team(p.id))
                .chain(team -> outbox.publish(Topics.APPLICANTS, type, p.id.toString(), snapshot(p, team)));
    }

    static ProgrammeV1 snapshot(Programme p, ProgrammeV1.Team team) {
        return new ProgrammeV1(p.id, p.name, p.status.name(), p.applicationOpensAt, p.applicationClosesAt,
                p.defaultAgreementMonths, p.meetingCadenceDays,
                p.topics().stream().map(t -> new ProgrammeV1.Topic(t.code(), t.label())).toList(),
                new ProgrammeV1.MatchingSettings(
                        new ProgrammeV1.Weights(p.matching.weights().topicFit(), p.matching.weights().proximity(),
                                p.matching.weights().availability(), p.matching.weights().diversity()),
                        p.matching.hierarchyExclusionLevels(), p.matching.maxInPersonDistanceKm(),
                        p.matching.mentorCapacity(), p.matching.minSeniorityGapYears()),
                p.updatedAt, p.version, team);
    }

    private static void apply(ProgrammeDefinition definition, Programme p) {
        p.name = definition.name().strip();
        p.description = definition.description();
        p.applicationOpensAt = definition.applicationOpensAt();
        p.applicationClosesAt = definition.applicationClosesAt();
        p.catalogue = new Programme.TopicCatalogue(definition.topics().stream()
                .map(t -> new Programme.Topic(t.code(), t.label().strip(), t.description()))
                .toList());
        p.defaultAgreementMonths = definition.defaultAgreementMonths() != null ? definition.defaultAgreementMonths() : 6;
        p.meetingCadenceDays = definition.meetingCadenceDays() != null ? definition.meetingCadenceDays() : 14;
        p.matching = matching(definition.matching());
        p.updatedAt = Instant.now();
    }

    private static Programme.MatchingSettings matching(ProgrammeDefinition.MatchingChoices m) {
        Programme.MatchingSettings d = Programme.MatchingSettings.DEFAULTS;
        if (m == null) {
            return d;
        }
        return new Programme.MatchingSettings(m.weights() != null ? m.weights() : d.weights(),
                m.hierarchyExclusionLevels() != null ? m.hierarchyExclusionLevels() : d.hierarchyExclusionLevels(),
                m.maxInPersonDistanceKm() != null ? m.maxInPersonDistanceKm() : d.maxInPersonDistanceKm(),
                m.mentorCapacity() != null ? m.mentorCapacity() : d.mentorCapacity(),
                m.minSeniorityGapYears() != null ? m.minSeniorityGapYears() : d.minSeniorityGapYears());
    }

    /** The most people a team may have, owners and co-admins together. */
    static final int MAX_TEAM = 50;

    private static void validate(ProgrammeV1.Team team) {
        if (team.owners().isEmpty()) {
            throw ProblemException.invalidField("owners", "must name at least one owner: a programme without an owner cannot be run");
        }
        if (team.owners().size() + team.coAdmins().size() > MAX_TEAM) {
            throw ProblemException.invalidField("coAdmins", "makes the team larger than " + MAX_TEAM + " people");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < team.owners().size(); i++) {
            if (!seen.add(team.owners().get(i))) {
                throw ProblemException.invalidField("owners[" + i + "]", "names " + team.owners().get(i) + " twice");
            }
        }
        for (int i = 0; i < team.coAdmins().size(); i++) {
            if (!seen.add(team.coAdmins().get(i))) {
                throw ProblemException.invalidField("coAdmins[" + i + "]", "names " + team.coAdmins().get(i)
                        + " who is already on the team: a person is either an owner or a co-admin");
            }
        }
    }

    private static void validate(ProgrammeDefinition definition) {
        if (definition.applicationOpensAt() != null && definition.applicationClosesAt() != null
                && !definition.applicationClosesAt().isAfter(definition.applicationOpensAt())) {
            throw ProblemException.invalidField("applicationClosesAt", "must be after applicationOpensAt");
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < definition.topics().size(); i++) {
            if (!codes.add(definition.topics().get(i).code())) {
                throw ProblemException.invalidField("topics[" + i + "].code", "repeats the code " + definition.topics().get(i).code());
            }
        }
        Programme.Weights w = definition.matching() == null ? null : definition.matching().weights();
        if (w != null && w.topicFit() + w.proximity() + w.availability() + w.diversity() <= 0) {
            throw ProblemException.invalidField("matching.weights", "must not all be zero");
        }
    }
}
