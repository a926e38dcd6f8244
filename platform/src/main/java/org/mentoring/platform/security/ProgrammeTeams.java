package org.mentoring.platform.security;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.applicants.ProgrammeV1;
import org.mentoring.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Who may act as a programme's admin: the owners and co-admins of its team, and nobody else, whatever roles their
 * token carries. Every service asks this before an admin reads or changes anything of a programme; someone who is not
 * on the team gets the same 404 as for an object that does not exist, so programmes and their contents do not leak.
 * <p>
 * The teams live in {@code programme_team} and {@code programme_team_member} of each service's own database:
 * applicants-service writes them when a programme's team changes, every other service from the programme events
 * ({@link #apply}), keeping only the newest revision. Reads join the caller's session or transaction, or open a
 * session of their own; {@link #apply} must run inside the transaction of the change.
 */
@ApplicationScoped
public class ProgrammeTeams {

    public static final String OWNER = "OWNER";
    public static final String CO_ADMIN = "CO_ADMIN";

    private final Caller caller;

    public ProgrammeTeams(Caller caller) {
        this.caller = caller;
    }

    /** Whether the caller is a programme admin on this programme's team. */
    public Uni<Boolean> administers(UUID programmeId) {
        if (!caller.isAdmin()) {
            return Uni.createFrom().item(false);
        }
        return roleOf(programmeId, caller.subject()).map(role -> role != null);
    }

    /** Whether the caller owns this programme (and may therefore change its team). */
    public Uni<Boolean> owns(UUID programmeId) {
        if (!caller.isAdmin()) {
            return Uni.createFrom().item(false);
        }
        return roleOf(programmeId, caller.subject()).map(OWNER::equals);
    }

    /**
     * Fails with {@code notVisible} unless the caller administers the programme. Use it before every admin action:
     * {@code teams.requireAdmin(p.programmeId, () -> ProblemException.notFound("Agreement", id))}.
     */
    public Uni<Void> requireAdmin(UUID programmeId, Supplier<ProblemException> notVisible) {
        return administers(programmeId).invoke(yes -> {
            if (!yes) {
                throw notVisible.get();
            }
        }).replaceWithVoid();
    }

    /** Fails with 404 (no such programme) unless the caller administers the programme. */
    public Uni<Void> requireAdmin(UUID programmeId) {
        return requireAdmin(programmeId, () -> ProblemException.notFound("Programme", programmeId));
    }

    /** For figures that a machine client with {@code role} may read about any programme, and a team about its own. */
    public Uni<Void> requireAdminOr(String role, UUID programmeId) {
        return caller.hasRole(role) ? Uni.createFrom().voidItem() : requireAdmin(programmeId);
    }

    /** The programmes the caller administers (empty for anyone who is not a programme admin). */
    public Uni<Set<UUID>> administered() {
        if (!caller.isAdmin()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select programme_id from programme_team_member where subject = :subject", UUID.class)
                .setParameter("subject", caller.subject())
                .getResultList()
                .map(LinkedHashSet::new)));
    }

    /** The programme's team; an empty one when nobody has been given the programme. */
    public Uni<ProgrammeV1.Team> team(UUID programmeId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select subject, role from programme_team_member where programme_id = :programme"
                        + " order by role desc, subject", Object[].class)
                .setParameter("programme", programmeId)
                .getResultList()
                .chain(rows -> adminAccess(programmeId).map(access -> {
                    List<String> owners = new ArrayList<>();
                    List<String> coAdmins = new ArrayList<>();
                    for (Object[] row : rows) {
                        (OWNER.equals(row[1]) ? owners : coAdmins).add((String) row[0]);
                    }
                    return new ProgrammeV1.Team(owners, coAdmins, access);
                }))));
    }

    /**
     * How the programme's team and HR systems may read its participants' personal data (one of
     * {@link ProgrammeV1.Team#ADMIN_ACCESS}); {@code OPEN} for a programme without a team.
     */
    public Uni<String> adminAccess(UUID programmeId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select admin_access from programme_team where programme_id = :programme", String.class)
                .setParameter("programme", programmeId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? ProgrammeV1.Team.OPEN : rows.get(0))));
    }

    /** The admin access of each of these programmes, in one query; {@code OPEN} for a programme without a team. */
    public Uni<java.util.Map<UUID, String>> adminAccess(java.util.Collection<UUID> programmeIds) {
        if (programmeIds.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select programme_id, admin_access from programme_team where programme_id in (:programmes)",
                        Object[].class)
                .setParameter("programmes", List.copyOf(programmeIds))
                .getResultList()
                .map(rows -> {
                    java.util.Map<UUID, String> access = new java.util.HashMap<>();
                    programmeIds.forEach(id -> access.put(id, ProgrammeV1.Team.OPEN));
                    rows.forEach(row -> access.put((UUID) row[0], (String) row[1]));
                    return access;
                })));
    }

    /**
     * Stores the programme's team and its admin access as of {@code revision}, unless a team of a newer revision is already stored; a null
     * team (from an event published before programmes had teams) is ignored. Call it in the transaction of the change
     * or of the event's processing. Returns whether the team was stored.
     */
    public Uni<Boolean> apply(UUID programmeId, long revision, ProgrammeV1.Team team) {
        if (team == null) {
            return Uni.createFrom().item(false);
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into programme_team (programme_id, revision, admin_access, updated_at)"
                        + " values (:programme, :revision, :access, now())"
                        + " on conflict (programme_id) do update set revision = excluded.revision,"
                        + " admin_access = excluded.admin_access, updated_at = now()"
                        + " where programme_team.revision <= excluded.revision")
                .setParameter("programme", programmeId)
                .setParameter("revision", revision)
                .setParameter("access", team.adminAccess())
                .executeUpdate()
                .chain(changed -> changed == 0 ? Uni.createFrom().item(false) : session
                        .createNativeQuery("delete from programme_team_member where programme_id = :programme")
                        .setParameter("programme", programmeId)
                        .executeUpdate()
                        .chain(() -> insertMembers(session, programmeId, team))
                        .replaceWith(true)));
    }

    private static Uni<Void> insertMembers(org.hibernate.reactive.mutiny.Mutiny.Session session, UUID programmeId,
                                           ProgrammeV1.Team team) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String owner : team.owners()) {
            chain = chain.chain(() -> insertMember(session, programmeId, owner, OWNER));
        }
        for (String coAdmin : team.coAdmins()) {
            if (!team.owners().contains(coAdmin)) {
                chain = chain.chain(() -> insertMember(session, programmeId, coAdmin, CO_ADMIN));
            }
        }
        return chain;
    }

    private static Uni<Void> insertMember(org.hibernate.reactive.mutiny.Mutiny.Session session, UUID programmeId,
                                          String subject, String role) {
        return session.createNativeQuery("insert into programme_team_member (programme_id, subject, role)"
                        + " values (:programme, :subject, :role) on conflict do nothing")
                .setParameter("programme", programmeId)
                .setParameter("subject", subject)
                .setParameter("role", role)
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<String> roleOf(UUID programmeId, String subject) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select role from programme_team_member where programme_id = :programme and subject = :subject",
                        String.class)
                .setParameter("programme", programmeId)
                .setParameter("subject", subject)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.get(0))));
    }
}
