package org.mentoring.platform.work;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work started from within other work, as the outbox relay's bulk lane wakes its regular lane in the middle of a
 * batch, against a real PostgreSQL: each runs in a database transaction of its own.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class BackgroundWorkTest {

    @Inject
    BackgroundWork background;

    @Test
    void workStartedFromOtherWorkRunsInATransactionOfItsOwn() throws Exception {
        CompletableFuture<Long> outer = new CompletableFuture<>();
        CompletableFuture<Long> inner = new CompletableFuture<>();
        CountDownLatch outerEnded = new CountDownLatch(1);

        background.submit("outer work", () -> Panache.withTransaction(() -> transactionId().chain(own -> {
            outer.complete(own);
            background.submit("inner work", () -> Panache.withTransaction(BackgroundWorkTest::transactionId)
                    .invoke(inner::complete)
                    .onFailure().invoke(inner::completeExceptionally), () -> inner.completeExceptionally(
                    new AssertionError("the inner work ended without a transaction id")));
            // the outer transaction stays open until the inner work has run
            return Uni.createFrom().completionStage(inner).onFailure().recoverWithNull();
        })), outerEnded::countDown);

        assertThat(outerEnded.await(30, TimeUnit.SECONDS)).as("the outer work ended").isTrue();
        assertThat(inner.get(5, TimeUnit.SECONDS))
                .as("the inner work's transaction (it ran in the outer one's session when it inherited its context)")
                .isNotEqualTo(outer.get(5, TimeUnit.SECONDS));
    }

    private static Uni<Long> transactionId() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select txid_current()", Long.class)
                .getSingleResult());
    }
}
