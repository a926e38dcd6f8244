package org.mentoring.applicants.directory.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.directory.model.DirectoryPerson;
import org.mentoring.contracts.events.directory.DirectoryPersonV1;
import org.mentoring.platform.http.ETags;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The people directory (HRIS): create, change, deactivate and read persons, and the read access the
 * rest of applicants-service uses ({@link #activeProfileOf(String)}). Every change that alters a
 * person stages {@code directory.person-upserted} or {@code directory.person-deactivated} in the same
 * transaction; a change that alters nothing writes nothing and publishes nothing.
 */
@ApplicationScoped
public class DirectoryService {

    /** A person with the display name of their manager (shown by SCIM as {@code manager.displayName}). */
    public record PersonView(DirectoryPerson person, String managerDisplayName) {
    }

    /** One page of a list, with the number of all matching persons. */
    public record PersonPage(long totalResults, List<PersonView> people) {
    }

    private final DirectoryPersonRepository persons;
    private final DirectoryEvents events;

    public DirectoryService(DirectoryPersonRepository persons, DirectoryEvents events) {
        this.persons = persons;
        this.events = events;
    }

    /**
     * The active directory profile of {@code userName} (any case), if the person is provisioned and
     * active. Runs in the caller's Hibernate Reactive session and transaction.
     */
    public Uni<Optional<DirectoryProfile>> activeProfileOf(String userName) {
        if (userName == null || userName.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return persons.find("lower(userName) = ?1 and active = true", userName.strip().toLowerCase(Locale.ROOT)).firstResult()
                .chain(p -> p == null ? Uni.createFrom().item(Optional.<DirectoryProfile>empty())
                        : managerChain(p).map(chain -> Optional.of(new DirectoryProfile(p.id, p.userName, p.effectiveDisplayName(),
                        p.employeeNumber, p.organization, p.department, chain, p.city, p.region, p.country, p.latitude,
                        p.longitude, List.copyOf(p.languages), p.hireDate, p.birthYear, p.grade))));
    }

    @WithTransaction
    public Uni<PersonView> create(PersonData input) {
        return Uni.createFrom().item(() -> PersonRules.check(input))
                .call(d -> checkUnique(d, null))
                .call(d -> checkManager(null, d.managerId()))
                .chain(d -> {
                    DirectoryPerson p = new DirectoryPerson();
                    p.id = UUID.randomUUID();
                    d.applyTo(p);
                    p.createdAt = now();
                    p.updatedAt = p.createdAt;
                    return persons.persist(p)
                            .call(Panache::flush)
                            .call(events::upserted)
                            .chain(this::view);
                });
    }

    @WithSession
    public Uni<PersonView> get(UUID id) {
        return load(id).chain(this::view);
    }

    /**
     * Replaces what a client may set on person {@code id} with {@code change(current person)}.
     * {@code ifMatch}, when given, must name the current version.
     */
    @WithTransaction
    public Uni<PersonView> update(UUID id, String ifMatch, Function<DirectoryPerson, PersonData> change) {
        return load(id).chain(p -> {
            requireMatch(ifMatch, p);
            PersonData before = PersonData.of(p);
            PersonData after = PersonRules.check(change.apply(p));
            if (after.equals(before)) {
                return view(p);
            }
            boolean moved = !Objects.equals(before.managerId(), after.managerId());
            return checkUnique(after, p)
                    .chain(() -> moved ? checkManager(p.id, after.managerId()) : Uni.createFrom().voidItem())
                    .chain(() -> {
                        after.applyTo(p);
                        p.updatedAt = now();
                        return Panache.flush();
                    })
                    .chain(() -> before.active() && !after.active() ? events.deactivated(p) : events.upserted(p))
                    .chain(() -> moved ? events.reportingLineMoved(List.of(p.id), Set.of(p.id)) : Uni.createFrom().voidItem())
                    .chain(() -> view(p));
        });
    }

    /** Sets {@code active = false}; the person stays for history. Deactivating twice changes nothing. */
    @WithTransaction
    public Uni<Void> deactivate(UUID id, String ifMatch) {
        return load(id).chain(p -> {
            requireMatch(ifMatch, p);
            if (!p.active) {
                return Uni.createFrom().voidItem();
            }
            p.active = false;
            p.updatedAt = now();
            return Panache.flush().chain(() -> events.deactivated(p));
        });
    }

    /** Persons matching {@code query} in creation order, from the 1-based {@code startIndex}. */
    @WithSession
    public Uni<PersonPage> list(PersonQuery query, int startIndex, int count) {
        return persons.count(query).chain(total -> count == 0
                ? Uni.createFrom().item(new PersonPage(total, List.of()))
                : persons.page(query, startIndex - 1, count).chain(this::views).map(views -> new PersonPage(total, views)));
    }

    /** The manager chain of {@code p}: from the direct manager upwards, at most ten persons. */
    Uni<List<UUID>> managerChain(DirectoryPerson p) {
        return p.managerId == null ? Uni.createFrom().item(List.of()) : persons.lineFrom(p.managerId, DirectoryPersonV1.MAX_CHAIN);
    }

    private Uni<DirectoryPerson> load(UUID id) {
        return persons.findById(id).map(p -> {
            if (p == null) {
                throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "User " + id + " not found.");
            }
            return p;
        });
    }

    private Uni<PersonView> view(DirectoryPerson p) {
        if (p.managerId == null) {
            return Uni.createFrom().item(new PersonView(p, null));
        }
        return persons.findById(p.managerId).map(m -> new PersonView(p, m == null ? null : m.effectiveDisplayName()));
    }

    private Uni<List<PersonView>> views(List<DirectoryPerson> page) {
        Set<UUID> managerIds = page.stream().map(p -> p.managerId).filter(Objects::nonNull).collect(Collectors.toSet());
        return persons.findByIds(managerIds).map(managers -> {
            Map<UUID, String> names = managers.stream().collect(Collectors.toMap(m -> m.id, DirectoryPerson::effectiveDisplayName));
            return page.stream().map(p -> new PersonView(p, p.managerId == null ? null : names.get(p.managerId))).toList();
        });
    }

    /** userName (any case) and externalId (exact) belong to no one else. */
    private Uni<Void> checkUnique(PersonData d, DirectoryPerson self) {
        return persons.findByUserName(d.userName())
                .invoke(other -> {
                    if (other != null && (self == null || !other.id.equals(self.id))) {
                        throw new DirectoryException(DirectoryException.Kind.UNIQUENESS,
                                "userName " + d.userName() + " is already taken by another user.");
                    }
                })
                .chain(() -> d.externalId() == null ? Uni.createFrom().nullItem() : persons.findByExternalId(d.externalId()))
                .invoke(other -> {
                    if (other != null && (self == null || !other.id.equals(self.id))) {
                        throw new DirectoryException(DirectoryException.Kind.UNIQUENESS,
                                "externalId " + d.externalId() + " is already taken by another user.");
                    }
                })
                .replaceWithVoid();
    }

    /** The manager exists and is not {@code self} nor anyone below {@code self}. */
    private Uni<Void> checkManager(UUID self, UUID managerId) {
        if (managerId == null) {
            return Uni.createFrom().voidItem();
        }
        if (managerId.equals(self)) {
            return Uni.createFrom().failure(DirectoryException.invalid("manager", "cannot be the person themself"));
        }
        return persons.lineFrom(managerId, DirectoryPersonRepository.MAX_DEPTH).invoke(line -> {
            if (line.isEmpty()) {
                throw DirectoryException.invalid("manager", "is " + managerId + ", which is not a user of the directory");
            }
            if (self != null && line.contains(self)) {
                throw DirectoryException.invalid("manager", "is " + managerId
                        + ", who reports (directly or indirectly) to this user: that would create a reporting cycle");
            }
        }).replaceWithVoid();
    }

    /** {@code If-Match} is optional for SCIM clients; when sent, it must name the current version. */
    private static void requireMatch(String ifMatch, DirectoryPerson p) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = ETags.of(p.version);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new DirectoryException(DirectoryException.Kind.PRECONDITION_FAILED,
                "User " + p.id + " changed since you read it: its version is now " + current + "; read it again and retry.");
    }

    /** Now, at the precision PostgreSQL stores, so that what a write answers equals what a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
