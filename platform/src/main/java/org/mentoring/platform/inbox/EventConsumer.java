package org.mentoring.platform.inbox;

import io.smallrye.mutiny.Uni;

import java.util.Set;

/**
 * A bean that consumes events from one or more incoming channels. Its {@code @Incoming} methods hand each
 * record to {@link InboundEvents#receive}, which retries and dead-letters; {@link #apply} is the same path
 * that a re-driven dead letter takes ({@link DeadLetters#replay}).
 */
public interface EventConsumer {

    /** The incoming channels (as named in {@code @Incoming}) whose records {@link #apply} understands. */
    Set<String> channels();

    /**
     * Parses a record's payload read from {@code channel} and applies it once (through
     * {@link IdempotentConsumer#once}). A record that can never be applied fails with
     * {@link PoisonEventException}; any other failure is treated as worth retrying.
     */
    Uni<Void> apply(String channel, String payload);
}
