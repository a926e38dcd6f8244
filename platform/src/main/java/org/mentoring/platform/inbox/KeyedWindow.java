package org.mentoring.platform.inbox;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs tasks side by side, at most {@code limit} at a time, and one at a time per key in the order they were
 * submitted: the way a consumer applies records of different keys in parallel while each key's events keep their
 * order. A task that has to wait for an earlier one of its key still takes its place in the window, so the window
 * bounds everything a consumer has taken in and not finished.
 * <p>
 * {@link #submit} completes once the task has a place in the window (at once while fewer than {@code limit} are
 * in it); a caller that waits for that before taking the next record in gets back-pressure for free. Thread-safe:
 * several consumers of one channel may share a window.
 */
final class KeyedWindow {

    private final int limit;
    private int taken;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    /** For each key with a task in the window, the completion of its last one: the next of that key runs after it. */
    private final Map<String, CompletableFuture<Void>> lastOfKey = new HashMap<>();

    KeyedWindow(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A window holds at least one task, not " + limit);
        }
        this.limit = limit;
    }

    /**
     * Takes {@code task} into the window once there is a place; it runs once every earlier task of {@code key} has
     * finished. The stage {@code task} returns must complete (successfully or not) when the task is done: only then
     * are its place and its key released.
     *
     * @return completes when the task has its place in the window
     */
    CompletionStage<Void> submit(String key, Supplier<? extends CompletionStage<?>> task) {
        CompletableFuture<Void> admitted = new CompletableFuture<>();
        Runnable enter = () -> {
            start(key, task);
            admitted.complete(null);
        };
        boolean now;
        synchronized (this) {
            now = taken < limit;
            if (now) {
                taken++;
            } else {
                waiting.add(enter);
            }
        }
        if (now) {
            enter.run();
        }
        return admitted;
    }

    /** Tasks taken in and not finished, waiting for their key included. */
    synchronized int inFlight() {
        return taken;
    }

    /** Tasks that wait for a place in the window. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void start(String key, Supplier<? extends CompletionStage<?>> task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before;
        synchronized (this) {
            before = lastOfKey.put(key, done);
        }
        Runnable run = () -> {
            CompletionStage<?> stage;
            try {
                stage = task.get();
            } catch (RuntimeException | Error e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((result, failure) -> finish(key, done));
        };
        if (before == null) {
            run.run();
        } else {
            before.whenComplete((result, failure) -> run.run());
        }
    }

    private void finish(String key, CompletableFuture<Void> done) {
        Runnable next;
        synchronized (this) {
            lastOfKey.remove(key, done);
            next = waiting.poll();
            if (next == null) {
                taken--;
            }
            // else the place passes on to the next one waiting, and taken stays as it is
        }
        done.complete(null);
        if (next != null) {
            next.run();
        }
    }
}
