package org.mentoring.applicants.directory.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.directory.model.DirectoryPerson;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Directory persons. The reporting-line queries are recursive CTEs over {@code manager_id}; they read
 * the database, so callers flush pending changes first.
 */
@ApplicationScoped
public class DirectoryPersonRepository implements PanacheRepositoryBase<DirectoryPerson, UUID> {

    /** Guard against unbounded walks; real reporting lines are far shorter. */
    public static final int MAX_DEPTH = 1000;

    public Uni<DirectoryPerson> findByUserName(String userName) {
        return find("lower(userName) = ?1", userName.toLowerCase(Locale.ROOT)).firstResult();
    }

    public Uni<DirectoryPerson> findByExternalId(String externalId) {
        return find("externalId = ?1", externalId).firstResult();
    }

    /** Persons whose userName is one of {@code userNames} (any case). */
    public Uni<List<DirectoryPerson>> findByUserNames(Collection<String> userNames) {
        if (userNames.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> lower = userNames.stream().map(u -> u.toLowerCase(Locale.ROOT)).distinct().toList();
        return list("lower(userName) in ?1", lower);
    }

    public Uni<List<DirectoryPerson>> findByExternalIds(Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("externalId in ?1", List.copyOf(externalIds));
    }

    public Uni<List<DirectoryPerson>> findByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", List.copyOf(ids));
    }

    /**
     * {@code start} and the people above it, nearest first, at most {@code levels} entries; empty when
     * {@code start} does not exist.
     */
    public Uni<List<UUID>> lineFrom(UUID start, int levels) {
        String sql = """
                with recursive line(id, manager_id, depth) as (
                    select p.id, p.manager_id, 1 from directory_person p where p.id = :start
                    union all
                    select p.id, p.manager_id, l.depth + 1 from directory_person p join line l on p.id = l.manager_id
                    where l.depth < :levels
                )
                select cast(id as varchar) from line order by depth""";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, String.class)
                        .setParameter("start", start).setParameter("levels", levels).getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).toList());
    }

    /** Manager of every person in the reporting lines above (and including) {@code starts}. */
    public Uni<Map<UUID, UUID>> managersAbove(Collection<UUID> starts) {
        if (starts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String sql = """
                with recursive line(id, manager_id, depth) as (
                    select p.id, p.manager_id, 1 from directory_person p where p.id in (:starts)
                    union all
                    select p.id, p.manager_id, l.depth + 1 from directory_person p join line l on p.id = l.manager_id
                    where l.depth < :levels
                )
                select distinct cast(id as varchar), cast(manager_id as varchar) from line""";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                        .setParameter("starts", List.copyOf(starts)).setParameter("levels", MAX_DEPTH).getResultList())
                .map(rows -> {
                    Map<UUID, UUID> managers = new HashMap<>();
                    for (Object[] row : rows) {
                        managers.put(UUID.fromString((String) row[0]), row[1] == null ? null : UUID.fromString((String) row[1]));
                    }
                    return managers;
                });
    }

    /** Everyone below any of {@code ids} down to {@code levels} levels. */
    public Uni<List<UUID>> reportsBelow(Collection<UUID> ids, int levels) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = """
                with recursive below(id, depth) as (
                    select p.id, 1 from directory_person p where p.manager_id in (:ids)
                    union all
                    select p.id, b.depth + 1 from directory_person p join below b on p.manager_id = b.id
                    where b.depth < :levels
                )
                select distinct cast(id as varchar) from below""";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, String.class)
                        .setParameter("ids", List.copyOf(ids)).setParameter("levels", levels).getResultList())
                .map(found -> found.stream().map(UUID::fromString).toList());
    }

    /** A page of persons matching {@code query}, in creation order. */
    public Uni<List<DirectoryPerson>> page(PersonQuery query, int offset, int limit) {
        String sql = "select p.* from directory_person p where " + query.where()
                + " order by p.created_at, p.id offset :offset limit :limit";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, DirectoryPerson.class);
            query.params().forEach(q::setParameter);
            return q.setParameter("offset", offset).setParameter("limit", limit).getResultList();
        });
    }

    public Uni<Long> count(PersonQuery query) {
        String sql = "select count(*) from directory_person p where " + query.where();
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Long.class);
            query.params().forEach(q::setParameter);
            return q.getSingleResult();
        });
    }
}
