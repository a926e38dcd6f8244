package org.mentoring.applicants.directory.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.service.ApplicationCascades;
import org.mentoring.applicants.directory.model.DirectoryPerson;
import org.mentoring.applicants.directory.model.Email;
import org.mentoring.contracts.events.EventTypes;
import org.mentoring.contracts.events.Topics;
import org.mentoring.contracts.events.applicants.LocationV1;
import org.mentoring.contracts.events.directory.ContactV1;
import org.mentoring.contracts.events.directory.DirectoryPersonV1;
import org.mentoring.platform.outbox.Outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Stages directory events in the outbox, inside the transaction that made the change. Callers flush
 * first: the manager chain is read from the database. A person's own change also stages their address on the
 * contacts topic (null once deactivated), which only the service that sends e-mail reads; a reporting-line move
 * below someone else changes no address and stages none.
 * <p>
 * Applications filled from a changed person follow in the same transaction ({@link ApplicationCascades}): a
 * deactivated person's live applications are withdrawn ({@code LEFT_ORGANISATION}), and an active person's are
 * republished when their institute, department or manager chain changed. The single-person methods and
 * {@link #reportingLineMoved} do that themselves; a bulk import publishes its people first and then calls
 * {@link #applicationsFollow} once for all of them.
 */
@ApplicationScoped
public class DirectoryEvents {

    private final Outbox outbox;
    private final DirectoryPersonRepository persons;
    private final ApplicationCascades applications;

    public DirectoryEvents(Outbox outbox, DirectoryPersonRepository persons, ApplicationCascades applications) {
        this.outbox = outbox;
        this.persons = persons;
        this.applications = applications;
    }

    /** Publishes {@code p} as it now is; their live applications follow. */
    public Uni<Void> upserted(DirectoryPerson p) {
        return chainOf(p).chain(chain -> upserted(p, chain)
                .chain(() -> applications.directoryChanged(List.of(state(p, chain)))));
    }

    /** Publishes {@code p} as deactivated; their live applications are withdrawn. */
    public Uni<Void> deactivated(DirectoryPerson p) {
        return chainOf(p).chain(chain -> deactivated(p, chain)
                .chain(() -> applications.directoryChanged(List.of(state(p, chain)))));
    }

    /**
     * The live applications of {@code people} follow their change: one query however many people. For a bulk
     * import, which publishes with {@link #upserted(DirectoryPerson, List)} and {@link #deactivated(DirectoryPerson, List)}.
     */
    public Uni<Void> applicationsFollow(Collection<DirectoryPerson> people, Function<DirectoryPerson, List<UUID>> chainOf) {
        return applications.directoryChanged(people.stream().map(p -> state(p, chainOf.apply(p))).toList());
    }

    /**
     * Publishes {@code p} with a manager chain the caller already knows (bulk import); their applications follow only
     * with {@link #applicationsFollow}.
     */
    public Uni<Void> upserted(DirectoryPerson p, List<UUID> managerChain) {
        return publish(EventTypes.DIRECTORY_PERSON_UPSERTED, p, managerChain).chain(() -> contact(p));
    }

    public Uni<Void> deactivated(DirectoryPerson p, List<UUID> managerChain) {
        return publish(EventTypes.DIRECTORY_PERSON_DEACTIVATED, p, managerChain).chain(() -> contact(p));
    }

    /**
     * When people moved in the reporting line, the manager chain of everyone up to ten levels below
     * them changed too: one upserted event for each such person not in {@code alreadyPublished}.
     * A constant number of queries, however many people are below.
     */
    public Uni<Void> reportingLineMoved(Collection<UUID> moved, Set<UUID> alreadyPublished) {
        if (moved.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return persons.reportsBelow(moved, DirectoryPersonV1.MAX_CHAIN - 1).chain(found -> {
            Set<UUID> below = new LinkedHashSet<>(found);
            below.removeAll(alreadyPublished);
            if (below.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return persons.managersAbove(below).chain(managers -> persons.findByIds(below).chain(reports ->
                    Multi.createFrom().iterable(reports)
                            .onItem().transformToUniAndConcatenate(r -> publish(EventTypes.DIRECTORY_PERSON_UPSERTED, r,
                                    chain(r.managerId, managers::get)))
                            .collect().last()
                            .chain(() -> applicationsFollow(reports, r -> chain(r.managerId, managers::get)))));
        });
    }

    /** The chain above a person whose direct manager is {@code managerId}, following {@code managerOf}. */
    public static List<UUID> chain(UUID managerId, Function<UUID, UUID> managerOf) {
        List<UUID> chain = new ArrayList<>();
        for (UUID m = managerId; m != null && chain.size() < DirectoryPersonV1.MAX_CHAIN && !chain.contains(m); m = managerOf.apply(m)) {
            chain.add(m);
        }
        return chain;
    }

    private static ApplicationCascades.DirectoryState state(DirectoryPerson p, List<UUID> chain) {
        return new ApplicationCascades.DirectoryState(p.id, p.active, p.organization, p.department, chain);
    }

    private Uni<List<UUID>> chainOf(DirectoryPerson p) {
        return p.managerId == null ? Uni.createFrom().item(List.of()) : persons.lineFrom(p.managerId, DirectoryPersonV1.MAX_CHAIN);
    }

    private Uni<Void> publish(String type, DirectoryPerson p, List<UUID> chain) {
        return outbox.publish(Topics.APPLICANTS, type, p.id.toString(), data(p, chain)).replaceWithVoid();
    }

    private Uni<Void> contact(DirectoryPerson p) {
        return outbox.publish(Topics.CONTACTS, EventTypes.DIRECTORY_CONTACT_CHANGED, p.id.toString(), contactOf(p)).replaceWithVoid();
    }

    /** The address mail goes to: the primary one, else the work one, else the first; none for a deactivated person. */
    static ContactV1 contactOf(DirectoryPerson p) {
        List<Email> emails = p.emailList();
        String email = !p.active ? null : emails.stream().filter(Email::primary).findFirst()
                .or(() -> emails.stream().filter(e -> "work".equalsIgnoreCase(e.type())).findFirst())
                .or(() -> emails.stream().findFirst())
                .map(Email::value).orElse(null);
        return new ContactV1(p.id, email, p.updatedAt == null ? Instant.now() : p.updatedAt);
    }

    static DirectoryPersonV1 data(DirectoryPerson p, List<UUID> managerChain) {
        LocationV1 location = p.city == null && p.region == null && p.country == null && p.latitude == null && p.longitude == null
                ? null : new LocationV1(p.city, p.region, p.country, p.latitude, p.longitude);
        return new DirectoryPersonV1(p.id, p.userName, p.externalId, p.effectiveDisplayName(), p.employeeNumber,
                p.organization, p.department, p.managerId, managerChain, location, List.copyOf(p.languages), p.active,
                p.updatedAt == null ? Instant.now() : p.updatedAt);
    }
}
