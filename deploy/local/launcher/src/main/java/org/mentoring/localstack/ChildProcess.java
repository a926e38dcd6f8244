package org.mentoring.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A program the supervisor runs (Keycloak, a service, the gateway), with its output in its own log file. */
final class ChildProcess {

    final String name;
    final Path log;
    final Process process;
    final long startedNanos = System.nanoTime();
    private List<ProcessHandle> tree = List.of();

    private ChildProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static ChildProcess start(String name, List<String> command, Path workingDirectory, Map<String, String> environment,
            Path log) throws IOException {
        return start(name, command, workingDirectory, environment, Set.of(), log, false);
    }

    /**
     * As above; the child inherits the launcher's environment, less the variables named in {@code unset}, plus
     * {@code environment}; {@code append} keeps what the log holds (a restart adds to the log of the run before).
     */
    static ChildProcess start(String name, List<String> command, Path workingDirectory, Map<String, String> environment,
            Set<String> unset, Path log, boolean append) throws IOException {
        Files.createDirectories(workingDirectory);
        Files.createDirectories(log.getParent());
        List<String> full = new ArrayList<>();
        if (PARENT_DEATH_SIGNAL != null) {
            // Linux: the child gets SIGTERM should the supervisor die without stopping it (kill -9, OOM killer).
            full.addAll(List.of(PARENT_DEATH_SIGNAL, "--pdeathsig", "TERM", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().keySet().removeAll(unset);
        builder.environment().putAll(environment);
        Log.info("Starting " + name + ": " + String.join(" ", command) + " (log " + log + ")");
        return new ChildProcess(name, log, spawn(builder));
    }

    /**
     * The parent-death signal is sent when the <em>thread</em> that forked the child ends, not the process: children
     * are therefore all forked by one thread that lives as long as the supervisor, whichever thread asks (a control
     * request's thread may end long before the replica it started).
     */
    private static final java.util.concurrent.ExecutorService SPAWNER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "stack-spawner");
                thread.setDaemon(true);
                return thread;
            });

    private static Process spawn(ProcessBuilder builder) throws IOException {
        try {
            return SPAWNER.submit(builder::start).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command().get(0), e);
        }
    }

    /** util-linux's setpriv when it can set a parent-death signal, else null. */
    private static final String PARENT_DEATH_SIGNAL = findSetpriv();

    private static String findSetpriv() {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return null;
        }
        for (String candidate : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (!Files.isExecutable(Path.of(candidate))) {
                continue;
            }
            try {
                Process probe = new ProcessBuilder(candidate, "--pdeathsig", "TERM", "--", "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
                probe.destroyForcibly();
            } catch (IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Kills the process and everything it started (SIGKILL), as a crash would, and waits until it is gone. */
    void kill() {
        List<ProcessHandle> all = new ArrayList<>();
        process.descendants().forEach(all::add);
        process.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Log.info("Killed " + name + " (pid " + process.pid() + ")");
    }

    /** Asks the process and everything it started to stop (SIGTERM), without waiting. */
    void requestStop() {
        List<ProcessHandle> all = new ArrayList<>();
        process.descendants().forEach(all::add); // before the parent goes, or they are no longer its descendants
        tree = all;
        process.destroy();
        for (ProcessHandle child : tree) {
            child.destroy();
        }
    }

    /** Waits for the process tree to end; what is still there after the grace period is killed. */
    void awaitStop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> all = new ArrayList<>(tree);
        all.add(process.toHandle());
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // timed out or interrupted: killed below
            }
        }
        boolean killed = false;
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                killed = true;
            }
        }
        if (killed) {
            Log.info(name + " did not stop within " + grace.toSeconds() + " s: killed");
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            Log.info("Stopped " + name);
        }
    }
}
