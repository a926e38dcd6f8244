package org.mentoring.sessions.notes.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.mentoring.sessions.notes.model.MeetingNote;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rewrites private notes that are under another key than the active one with the active key, so that after a rotation the
 * old key can be dropped once no note needs it. It runs every {@code mentoring.notes.re-encryption.every} on every replica,
 * and on the replica an admin asks within a second. Each batch claims its notes ({@code FOR UPDATE SKIP LOCKED}), so replicas working at the
 * same time never rewrite a note twice or wait for each other. Notes under a key this replica does not have are left alone
 * (a replica still on the previous configuration during a rolling update).
 * <p>
 * The gauge {@code mentoring_notes_under_other_keys} counts the private notes not under the active key: 0 means the old
 * keys can be removed from {@code NOTES_KEYS}.
 */
@ApplicationScoped
public class NotesReEncryption {

    private static final Logger LOG = Logger.getLogger(NotesReEncryption.class);
    static final int BATCH = 100;

    private final NotesCipher cipher;
    private final NoteRepository notes;
    private final AtomicLong underOtherKeys = new AtomicLong();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * How far re-encryption is: the active key, the private notes under other keys ({@code remaining}, and by key id),
     * and whether this replica is re-encrypting now or about to.
     */
    @Schema(name = "NotesReEncryptionStatus")
    public record Status(String activeKeyId, long remaining, Map<String, Long> remainingByKey, boolean running) {
    }

    public NotesReEncryption(NotesCipher cipher, NoteRepository notes, MeterRegistry registry) {
        this.cipher = cipher;
        this.notes = notes;
        Gauge.builder("mentoring.notes.under.other.keys", underOtherKeys, AtomicLong::get)
                .description("Private notes encrypted with another key than the active one (NOTES_KEY_ID)").register(registry);
    }

    /** Counts the notes under other keys now (and refreshes the gauge). */
    public Uni<Status> status() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select key_id, count(*) from meeting_note where cipher_text is not null and key_id <> :active"
                                + " group by key_id", Object[].class)
                .setParameter("active", cipher.activeKeyId())
                .getResultList()))
                .map(rows -> {
                    Map<String, Long> byKey = new TreeMap<>();
                    rows.forEach(row -> byKey.put((String) row[0], ((Number) row[1]).longValue()));
                    long remaining = byKey.values().stream().mapToLong(Long::longValue).sum();
                    underOtherKeys.set(remaining);
                    return new Status(cipher.activeKeyId(), remaining, byKey, requested.get() || running.get());
                });
    }

    /** Asks this replica to re-encrypt now: it starts within a second (or right after the run going on). */
    public void request() {
        requested.set(true);
    }

    /** Runs what {@link #request} asked for, on a context of its own (never on the asking request's). */
    @Scheduled(identity = "notes-re-encryption-requested", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onRequest() {
        if (!requested.get() || running.get()) {
            return Uni.createFrom().voidItem();
        }
        requested.set(false);
        return pass();
    }

    @Scheduled(identity = "notes-re-encryption", every = "${mentoring.notes.re-encryption.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return pass();
    }

    private Uni<Void> pass() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return runAll().onFailure().invoke(f -> LOG.warnf("Re-encrypting notes failed, will try again: %s", f.toString()))
                .onFailure().recoverWithNull()
                .eventually(() -> running.set(false))
                .chain(done -> status()).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Re-encrypts batch after batch until no note under a key of this replica is left; the item is how many it rewrote. */
    public Uni<Integer> runAll() {
        Set<String> others = cipher.otherKeyIds();
        if (others.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return runFrom(others, 0).invoke(n -> {
            if (n > 0) {
                LOG.infof("Re-encrypted %d private notes with key %s", n, cipher.activeKeyId());
            }
        });
    }

    private Uni<Integer> runFrom(Set<String> others, int before) {
        return batch(others).chain(b -> b.claimed() < BATCH || b.rewritten() == 0
                ? Uni.createFrom().item(before + b.rewritten())
                : runFrom(others, before + b.rewritten()));
    }

    private record Batch(int claimed, int rewritten) {
    }

    /** One transaction: claims up to {@link #BATCH} notes under the other keys and rewrites them under the active key. */
    private Uni<Batch> batch(Set<String> others) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "select id from meeting_note where cipher_text is not null and key_id in (:others)"
                                        + " order by id limit :batch for update skip locked", UUID.class)
                        .setParameter("others", others).setParameter("batch", BATCH)
                        .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(new Batch(0, 0))
                        : notes.list("id in ?1", ids).map(claimed -> new Batch(ids.size(), rewrite(claimed)))));
    }

    private int rewrite(List<MeetingNote> claimed) {
        int rewritten = 0;
        for (MeetingNote note : claimed) {
            try {
                NotesCipher.Sealed sealed = cipher.encrypt(note.id, cipher.decrypt(note.id, note.keyId, note.cipherText));
                note.cipherText = sealed.bytes();
                note.keyId = sealed.keyId();
                rewritten++;
            } catch (IllegalStateException e) {
                LOG.warnf("Note %s stays under key %s: %s", note.id, note.keyId, e.getMessage());
            }
        }
        return rewritten;
    }
}
