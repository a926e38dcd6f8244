package org.mentoring.notifications.webhook.service;

import org.mentoring.notifications.config.NotificationsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.notifications.webhook.model.Subscription;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhook subscriptions. A caller sees and changes only the subscriptions it created (by token subject); a platform
 * admin sees and changes all. Anyone else's subscription is answered 404, like one that does not exist.
 */
@ApplicationScoped
public class Subscriptions {

    public static final int MAX_EVENT_TYPES = 50;

    private final Duration rotationOverlap;

    public Subscriptions(NotificationsConfig.Webhooks config) {
        this.rotationOverlap = config.secretRotationOverlap();
    }

    /** Who asks: their subject, and whether they may see everyone's subscriptions. */
    public record Asker(String subject, boolean platformAdmin) {
    }

    /** What a create or a change asks for; null fields of a change are left as they are. */
    public record Spec(String url, List<String> eventTypes, UUID programmeId, boolean clearProgramme, Boolean enabled,
                       String description) {
    }

    /** Validates event type patterns (400 naming {@code eventTypes}) and drops duplicates. */
    public static List<String> eventTypes(List<String> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            throw ProblemException.invalidField("eventTypes", "must name at least one event type, a prefix such as mentoring.agreement.* or *");
        }
        if (patterns.size() > MAX_EVENT_TYPES) {
            throw ProblemException.invalidField("eventTypes", "must have at most " + MAX_EVENT_TYPES + " entries");
        }
        for (String pattern : patterns) {
            String problem = EventPatterns.problem(pattern);
            if (problem != null) {
                throw ProblemException.invalidField("eventTypes", problem);
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(patterns));
    }

    @WithTransaction
    public Uni<Subscription> create(Asker asker, Spec spec) {
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.ownerId = asker.subject();
        s.url = spec.url();
        s.eventTypes = spec.eventTypes();
        s.programmeId = spec.programmeId();
        s.enabled = spec.enabled() == null || spec.enabled();
        s.description = spec.description();
        s.secret = Signatures.newSecret();
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        return Panache.getSession().chain(session -> session.persist(s)).replaceWith(s);
    }

    @WithSession
    public Uni<Subscription> get(Asker asker, UUID id) {
        return visible(asker, id);
    }

    /** The subscription if the asker may see it; 404 otherwise. Call inside a session. */
    public static Uni<Subscription> visible(Asker asker, UUID id) {
        return Panache.getSession().chain(session -> session.find(Subscription.class, id)).map(s -> {
            if (s == null || !(asker.platformAdmin() || s.ownerId.equals(asker.subject()))) {
                throw ProblemException.notFound("Webhook subscription", id);
            }
            return s;
        });
    }

    @WithSession
    public Uni<List<Subscription>> page(Asker asker, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (!asker.platformAdmin()) {
            where.append(" and ownerId = :owner");
            params = params.and("owner", asker.subject());
        }
        if (after != null) {
            where.append(" and ").append(Cursor.afterCondition("createdAt", "id"));
            params = after.bind(params);
        }
        Map<String, Object> map = params.map();
        return Panache.getSession().chain(session -> {
            var query = session.createQuery("from Subscription where " + where + " order by createdAt, id", Subscription.class);
            map.forEach(query::setParameter);
            return query.setMaxResults(limit + 1).getResultList();
        });
    }

    @WithTransaction
    public Uni<Subscription> change(Asker asker, UUID id, Spec spec) {
        return visible(asker, id).map(s -> {
            if (spec.url() != null) {
                s.url = spec.url();
            }
            if (spec.eventTypes() != null) {
                s.eventTypes = spec.eventTypes();
            }
            if (spec.clearProgramme()) {
                s.programmeId = null;
            } else if (spec.programmeId() != null) {
                s.programmeId = spec.programmeId();
            }
            if (spec.description() != null) {
                s.description = spec.description().isBlank() ? null : spec.description();
            }
            if (spec.enabled() != null && spec.enabled() != s.enabled) {
                s.enabled = spec.enabled();
                if (s.enabled) {
                    s.disabledReason = null;
                    s.disabledAt = null;
                    s.failingSince = null;
                } else {
                    s.disabledReason = "BY_OWNER";
                    s.disabledAt = Instant.now();
                }
            }
            s.updatedAt = Instant.now();
            return s;
        });
    }

    @WithTransaction
    public Uni<Void> delete(Asker asker, UUID id) {
        return visible(asker, id).chain(s -> Panache.getSession().chain(session -> session.remove(s)));
    }

    /** A new secret; the old one keeps signing for the overlap. */
    @WithTransaction
    public Uni<Subscription> rotate(Asker asker, UUID id) {
        return visible(asker, id).map(s -> {
            Instant now = Instant.now();
            s.previousSecret = s.secret;
            s.previousSecretExpiresAt = now.plus(rotationOverlap);
            s.secret = Signatures.newSecret();
            s.updatedAt = now;
            return s;
        });
    }
}
