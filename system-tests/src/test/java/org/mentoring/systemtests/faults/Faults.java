package org.mentoring.systemtests.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The faults, injected into the stack that deploy/local/up started: a replica killed (SIGKILL, by the PID file the
 * supervisor writes) and started again, a replica frozen (SIGSTOP) and thawed (SIGCONT), Kafka stopped or killed and
 * started again (deploy/local/ctl), a database refusing connections with its sessions terminated.
 */
final class Faults {

    private final Path repository;
    private final Path home;
    private final Databases databases;

    Faults(Path repository, Path home, Databases databases) {
        this.repository = repository;
        this.home = home;
        this.databases = databases;
    }

    long pid(String part) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("pids").resolve(part + ".pid"), StandardCharsets.UTF_8).trim());
    }

    /** SIGKILL, as a crash or the OOM killer would; returns once the process is gone. */
    void kill(String part) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid(part)).orElseThrow(() -> new IllegalStateException(part
                + " does not run"));
        process.destroyForcibly();
        process.onExit().get(20, TimeUnit.SECONDS);
    }

    void freeze(String part) throws Exception {
        signal("STOP", pid(part));
    }

    void thaw(String part) throws Exception {
        signal("CONT", pid(part));
    }

    /** deploy/local/ctl with these arguments; fails unless it succeeded. */
    String ctl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(repository.resolve("deploy").resolve("local").resolve("ctl").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MENTORING_HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(6, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("deploy/local/ctl " + String.join(" ", arguments) + " failed: " + output);
        }
        return output;
    }

    void refuseConnections(String database) throws Exception {
        databases.refuseConnections(database);
    }

    void allowConnections(String database) throws Exception {
        databases.allowConnections(database);
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** A client's back-off between two tries, or how long a fault lasts: never a wait for convergence. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
