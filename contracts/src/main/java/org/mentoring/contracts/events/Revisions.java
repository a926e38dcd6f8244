package org.mentoring.contracts.events;

import java.time.Instant;

/**
 * The order of snapshot events (applications, programmes, agreements). Each such event carries its aggregate as it stands
 * after a change, with {@code changedAt} and {@code revision}: the source's version of the aggregate, which grows with
 * every change. A projection keeps the revision and changedAt of the snapshot it applied and lets only a snapshot that is
 * not older replace it, so a late, reordered or redelivered event never undoes a later fact.
 * <p>
 * Revisions are compared when both sides have one: no clock is involved, and two changes within one clock tick are still
 * told apart. Events published before the field existed have no revision; then (and for a row kept from such an event)
 * the {@code changedAt} instants are compared, and with neither the event is applied. A snapshot of the same revision is
 * applied again, which changes nothing.
 */
public final class Revisions {

    private Revisions() {
    }

    /**
     * True when the snapshot ({@code revision}, {@code changedAt}) is older than the one held ({@code heldRevision},
     * {@code heldChangedAt}) and must be skipped. Every argument may be null (unknown).
     */
    public static boolean isOlder(Long revision, Instant changedAt, Long heldRevision, Instant heldChangedAt) {
        if (revision != null && heldRevision != null) {
            return revision < heldRevision;
        }
        if (changedAt != null && heldChangedAt != null) {
            return changedAt.isBefore(heldChangedAt);
        }
        return false;
    }
}
