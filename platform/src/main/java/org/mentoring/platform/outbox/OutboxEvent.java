package org.mentoring.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in the outbox: written in the same transaction as the state change it reports,
 * then relayed to Kafka by {@link OutboxRelay}. {@code payload} is the whole CloudEvent as JSON; the retry columns
 * are the relay's.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String topic;

    /** Kafka record key: the aggregate id, so one aggregate's events keep their order. */
    @Column(name = "event_key", nullable = false)
    public String key;

    @Column(name = "event_type", nullable = false)
    public String type;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** Failed attempts to publish this row that were the row's own fault (the broker refused the record). */
    @Column(nullable = false)
    public int attempts;

    /** While set and in the future, the relay leaves this row, and later rows with its key, alone. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error", columnDefinition = "text")
    public String lastError;

    /** Set when the row failed too often: it is no longer sent, and no longer holds back its key. */
    @Column(name = "quarantined_at")
    public Instant quarantinedAt;

    /**
     * The row's lane, set by the database as the row is inserted: false for a transaction's first
     * {@value OutboxRelay#REGULAR_PER_TRANSACTION} events, true for the rest (see {@link OutboxRelay.Lane}).
     */
    @Column(insertable = false, updatable = false)
    public boolean bulk;

    /** Set by {@link Outbox#forget}: the row mentions an erased person, so it goes as soon as the broker has it. */
    @Column(name = "erase_when_published", nullable = false)
    public boolean eraseWhenPublished;
}
