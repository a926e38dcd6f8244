package org.mentoring.platform.inbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedWindowTest {

    /** A task whose end the test decides. */
    private static final class Task {
        final String name;
        final CompletableFuture<Void> end = new CompletableFuture<>();
        boolean started;

        Task(String name) {
            this.name = name;
        }
    }

    private final List<String> started = Collections.synchronizedList(new ArrayList<>());

    private CompletionStage<Void> submit(KeyedWindow window, String key, Task task) {
        return window.submit(key, () -> {
            task.started = true;
            started.add(task.name);
            return task.end;
        });
    }

    @Test
    void runsDifferentKeysSideBySideAndOneKeyInOrder() {
        KeyedWindow window = new KeyedWindow(8);
        Task a1 = new Task("a1"), b1 = new Task("b1"), a2 = new Task("a2"), a3 = new Task("a3"), c1 = new Task("c1");
        submit(window, "a", a1);
        submit(window, "b", b1);
        submit(window, "a", a2);
        submit(window, "a", a3);
        submit(window, "c", c1);

        assertThat(started).containsExactly("a1", "b1", "c1");
        assertThat(window.inFlight()).isEqualTo(5);

        a1.end.complete(null);
        assertThat(started).containsExactly("a1", "b1", "c1", "a2");
        b1.end.complete(null);
        c1.end.complete(null);
        assertThat(a3.started).isFalse();

        // a failed task releases its key just as a successful one does
        a2.end.completeExceptionally(new IllegalStateException("dead-lettered"));
        assertThat(started).containsExactly("a1", "b1", "c1", "a2", "a3");
        a3.end.complete(null);
        assertThat(window.inFlight()).isZero();
    }

    @Test
    void admitsNoMoreThanItsLimitAndHandsPlacesOnInOrder() {
        KeyedWindow window = new KeyedWindow(2);
        Task a = new Task("a"), b = new Task("b"), c = new Task("c"), d = new Task("d");
        CompletionStage<Void> admittedA = submit(window, "a", a);
        CompletionStage<Void> admittedB = submit(window, "b", b);
        CompletionStage<Void> admittedC = submit(window, "c", c);
        CompletionStage<Void> admittedD = submit(window, "d", d);

        assertThat(admittedA.toCompletableFuture()).isDone();
        assertThat(admittedB.toCompletableFuture()).isDone();
        assertThat(admittedC.toCompletableFuture()).isNotDone();
        assertThat(admittedD.toCompletableFuture()).isNotDone();
        assertThat(started).containsExactly("a", "b");
        assertThat(window.waiting()).isEqualTo(2);

        b.end.complete(null);
        assertThat(admittedC.toCompletableFuture()).isDone();
        assertThat(admittedD.toCompletableFuture()).isNotDone();
        assertThat(started).containsExactly("a", "b", "c");
        assertThat(window.inFlight()).isEqualTo(2);

        a.end.complete(null);
        c.end.complete(null);
        d.end.complete(null);
        assertThat(window.inFlight()).isZero();
        assertThat(window.waiting()).isZero();
    }

    @Test
    void aTaskThatThrowsReleasesItsPlace() {
        KeyedWindow window = new KeyedWindow(1);
        window.submit("a", () -> {
            throw new IllegalStateException("broken");
        });
        Task next = new Task("next");
        assertThat(submit(window, "a", next).toCompletableFuture()).isDone();
        assertThat(next.started).isTrue();
    }

    @Test
    void refusesAnEmptyWindow() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KeyedWindow(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Many threads submit, tasks end on other threads at random: every task runs exactly once, never two of one key
     * at a time, each key's tasks in submission order, and never more than the limit at once.
     */
    @Test
    void keepsEveryKeysOrderUnderConcurrency() throws Exception {
        int limit = 6;
        KeyedWindow window = new KeyedWindow(limit);
        ExecutorService finishers = Executors.newFixedThreadPool(4);
        Map<String, AtomicInteger> runningOfKey = new ConcurrentHashMap<>();
        Map<String, List<Integer>> orderOfKey = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int producers = 3, perProducer = 400;
        CountDownLatch allDone = new CountDownLatch(producers * perProducer);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(new Thread(() -> {
                Random random = new Random(producer);
                Map<String, Integer> sequence = new HashMap<>();
                for (int i = 0; i < perProducer; i++) {
                    // each producer owns its keys, as a consumer owns its partitions
                    String key = producer + "-" + random.nextInt(10);
                    int n = sequence.merge(key, 1, Integer::sum);
                    window.submit(key, () -> {
                        if (runningOfKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        orderOfKey.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(n);
                        return CompletableFuture.runAsync(() -> {
                            running.decrementAndGet();
                            runningOfKey.get(key).decrementAndGet();
                            allDone.countDown();
                        }, CompletableFuture.delayedExecutor(random.nextInt(3), TimeUnit.MILLISECONDS, finishers));
                    }).toCompletableFuture().join(); // wait for a place, as a consumer does before the next record
                }
            }));
        }
        threads.forEach(Thread::start);
        assertThat(allDone.await(60, TimeUnit.SECONDS)).as("every task ran").isTrue();
        for (Thread t : threads) {
            t.join();
        }
        finishers.shutdown();
        // the last tasks count down just before their stage completes and frees their place
        assertThat(finishers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(overlaps).as("two tasks of one key at once").hasValue(0);
        assertThat(mostAtOnce.get()).isLessThanOrEqualTo(limit).isGreaterThan(1);
        orderOfKey.forEach((key, order) -> {
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= order.size(); i++) {
                expected.add(i);
            }
            assertThat(order).as("order of key %s", key).isEqualTo(expected);
        });
        assertThat(orderOfKey.values().stream().mapToInt(List::size).sum()).isEqualTo(producers * perProducer);
        assertThat(window.inFlight()).isZero();
    }
}
