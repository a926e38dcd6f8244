package org.mentoring.platform.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;
import org.mentoring.platform.outbox.OutboxEvent;
import org.mentoring.platform.outbox.OutboxRelay;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate's query-plan cache, as the relay meets it every second in every replica. A native select is planned
 * again at every execution, whatever its result class, and each plan is added to the cache under a key no later
 * execution equals (found in a profile: every service's cache held its limit of 2048 such keys within minutes, and
 * each lookup of that SQL walked them). HQL is planned once. So the relay's batch query is HQL; native selects on
 * hot paths should move to HQL too.
 */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class PlanCacheTest {

    private static final int EXECUTIONS = 20;

    @Inject
    Mutiny.SessionFactory factory;

    /** Plan-cache misses while {@code query} runs {@value #EXECUTIONS} times, each in a transaction of its own. */
    private long missesFor(Function<Mutiny.Session, Uni<?>> query) throws Throwable {
        long before = factory.getStatistics().getQueryPlanCacheMissCount();
        for (int i = 0; i < EXECUTIONS; i++) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(query::apply)));
        }
        return factory.getStatistics().getQueryPlanCacheMissCount() - before;
    }

    @Test
    void theRelaysBatchQueryIsPlannedOnceNotAtEveryPoll() throws Throwable {
        long misses = missesFor(s -> s.createSelectionQuery(OutboxRelay.NEXT_BATCH, OutboxEvent.class).setParameter("bulk", false).setMaxResults(100).getResultList());

        assertThat(misses).isLessThanOrEqualTo(2); // the HQL interpretation and its plan, the first time only
    }

    @Test
    void aNativeSelectIsPlannedAgainAtEveryExecution() throws Throwable {
        long misses = missesFor(s -> s.createNativeQuery("select count(*) from outbox_event", Long.class).getSingleResult());

        // the relay's query before it became HQL; a failure here means Hibernate now caches native selects, and
        // hot queries may be native again
        assertThat(misses).as("plan-cache misses of a native select run %d times", EXECUTIONS).isGreaterThanOrEqualTo(EXECUTIONS);
    }
}
