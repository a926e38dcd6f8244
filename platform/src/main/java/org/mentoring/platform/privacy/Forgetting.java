package org.mentoring.platform.privacy;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.platform.audit.AccessLog;
import org.mentoring.platform.idempotency.IdempotencyKeys;
import org.mentoring.platform.outbox.Outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The platform's part of an erasure: what every service keeps of a person besides its own tables. Each service calls
 * {@link #forget} from its erasure handling, in the same transaction as the scrubbing of its own tables (so a failed
 * erasure leaves nothing half done, and a redelivered erasure event does it again) and after staging any event the
 * erasure itself publishes:
 * <ul>
 *   <li>stored answers of idempotent requests ({@code idempotency_record}): deleted when the person sent them or
 *   their answer mentions the person ({@link IdempotencyKeys#forget});</li>
 *   <li>outbox rows ({@code outbox_event}) whose key or payload mentions the person: published ones are deleted now,
 *   unpublished ones are still published (consumers must hear of them; one may be the erasure event itself) and
 *   deleted as soon as the broker has them ({@link Outbox#forget}).</li>
 *   <li>the access log ({@code access_log}): the person, as reader or as the one read about, becomes a pseudonym
 *   (one per erasure, so the log still shows that one person's data was read so often), and ids of what was theirs
 *   are dropped ({@link AccessLog#forget}); the rows stay, as an append-only log must.</li>
 * </ul>
 * "Mentions" means contains one of the strings given: the person's subject and the ids of what was theirs
 * (applications, say), so that a row naming only an application id goes too.
 */
@ApplicationScoped
public class Forgetting {

    private final IdempotencyKeys idempotency;
    private final Outbox outbox;
    private final AccessLog accessLog;

    public Forgetting(IdempotencyKeys idempotency, Outbox outbox, AccessLog accessLog) {
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.accessLog = accessLog;
    }

    /** Forgets {@code subject}'s traces, and every row that mentions one of {@code alsoMentions} (ids, as strings). */
    public Uni<Void> forget(String subject, Collection<?> alsoMentions) {
        List<String> mentions = new ArrayList<>();
        mentions.add(subject);
        if (alsoMentions != null) {
            alsoMentions.stream().filter(m -> m != null).map(Object::toString).forEach(mentions::add);
        }
        return idempotency.forget(subject, mentions).chain(() -> outbox.forget(mentions))
                .chain(() -> accessLog.forget(subject, "erased-" + UUID.randomUUID(), mentions))
                .replaceWithVoid();
    }
}
