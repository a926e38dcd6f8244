package org.mentoring.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The {@code up} command: checks what can be checked up front (built artefacts, free ports), starts the supervisor
 * detached from the terminal, and follows its progress in the state file until the stack is ready or has failed.
 */
final class UpCommand {

    private final Settings settings;
    private volatile boolean finished;
    private FileLock upLock;

    UpCommand(Settings settings) {
        this.settings = settings;
    }

    int run() {
        try {
            Files.createDirectories(settings.logs);
        } catch (IOException e) {
            throw new LauncherException("Cannot create " + settings.logs + ": " + e.getMessage());
        }
        lockAgainstAnotherUp();
        Optional<ProcessHandle> running = StackFiles.runningSupervisor(settings);
        if (running.isPresent()) {
            return alreadyRunning(running.get());
        }
        preflight(settings);

        String runId = UUID.randomUUID().toString();
        StackFiles.deleteQuietly(settings.stateFile());
        System.out.println("Starting the local stack (data and logs in " + settings.home + ")");
        ProcessHandle supervisor = spawnSupervisor(runId);
        installInterruptHandler(supervisor);
        return follow(supervisor, runId, 0);
    }

    /** One up at a time per MENTORING_HOME; the lock goes with this JVM. */
    private void lockAgainstAnotherUp() {
        try {
            FileChannel channel = FileChannel.open(settings.home.resolve("up.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new LauncherException("Another deploy/local/up is running for " + settings.home
                        + ": wait for it to finish.");
            }
            upLock = lock; // kept referenced until the JVM exits
        } catch (IOException e) {
            throw new LauncherException("Cannot lock " + settings.home.resolve("up.lock") + ": " + e.getMessage());
        }
    }

    private int alreadyRunning(ProcessHandle supervisor) {
        Map<String, String> state = StackFiles.readState(settings.stateFile());
        String current = state.getOrDefault("state", "STARTING");
        if ("READY".equals(current)) {
            System.out.println("The local stack is already running (pid " + supervisor.pid() + "):");
            Summary.print(System.out, state, downCommand());
            finished = true;
            return 0;
        }
        if ("STARTING".equals(current) && state.get("runId") != null) {
            System.out.println("The local stack is already starting (pid " + supervisor.pid() + "): following it.");
            int shown = (int) state.keySet().stream().filter(k -> k.startsWith("progress.")).count();
            return follow(supervisor, state.get("runId"), shown);
        }
        throw new LauncherException("The local stack (pid " + supervisor.pid() + ") is " + current.toLowerCase()
                + ": wait a moment or run " + downCommand() + ".");
    }

    // ---- checks before anything starts ------------------------------------------------------------------------

    /** What can be checked before anything starts: built artefacts and free ports. */
    static void preflight(Settings settings) {
        checkBuilt(settings);
        stopLeftoverPostgres(settings);
        checkPorts(settings);
    }

    /**
     * A PostgreSQL still running on our data directory although no supervisor runs (it was killed): nothing else may
     * use that directory, so stop it (SIGINT, PostgreSQL's fast shutdown; pg_ctl would refuse to run as root).
     */
    private static void stopLeftoverPostgres(Settings settings) {
        if (settings.externalPostgres) {
            return;
        }
        String pid = leftoverPostgres(settings);
        Optional<ProcessHandle> process = pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
        if (process.isEmpty() || !StackFiles.commandLine(process.get())
                .contains(settings.data.resolve("postgres").toString())) {
            return;
        }
        System.out.println("Stopping a PostgreSQL left over from an earlier run (pid " + pid + ")");
        try {
            new ProcessBuilder("kill", "-INT", pid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.get().destroy(); // SIGTERM: a smart shutdown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            process.get().onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // still there: the port check names it
        }
    }

    private static void checkBuilt(Settings settings) {
        for (Settings.ServiceDef service : settings.services) {
            Path jar = settings.serviceJar(service);
            if (!Files.isRegularFile(jar)) {
                throw new LauncherException(service.module + " is not built (" + settings.repo.relativize(jar)
                        + " is missing): run ./mvnw install -DskipTests, or leave it out of MENTORING_SERVICES.");
            }
        }
        if (!settings.externalKeycloak
                && !Files.isRegularFile(Keycloak.installation(settings).resolve("bin").resolve("kc.sh"))
                && !Files.isRegularFile(settings.keycloakZip())) {
            throw new LauncherException("The Keycloak distribution is missing (" + settings.repo.relativize(
                    settings.keycloakZip()) + "): run ./mvnw install -DskipTests -pl deploy/local/launcher -am.");
        }
        if (!Files.isRegularFile(settings.realmFile())) {
            throw new LauncherException("The realm file " + settings.repo.relativize(settings.realmFile())
                    + " is missing.");
        }
    }

    private static void checkPorts(Settings settings) {
        Map<Integer, Settings.PortUse> seen = new HashMap<>();
        for (Settings.PortUse use : settings.portsToUse()) {
            Settings.PortUse other = seen.putIfAbsent(use.port, use);
            if (other != null) {
                throw new LauncherException(other.variable + " and " + use.variable + " are both " + use.port
                        + ": give each its own port.");
            }
        }
        for (Settings.PortUse use : settings.portsToUse()) {
            if (Ports.inUse(use.port)) {
                String leftover = use.variable.equals("POSTGRES_PORT") ? leftoverPostgres(settings) : null;
                if (leftover != null) {
                    throw new LauncherException("Port " + use.port + " (PostgreSQL) is taken by a PostgreSQL left"
                            + " over from an earlier run (pid " + leftover + "): stop it with kill " + leftover + ".");
                }
                throw new LauncherException("Port " + use.port + " is already in use, and " + use.purpose
                        + " needs it: stop what uses it, or set " + use.variable + " to a free port.");
            }
        }
    }

    /** The PID of a PostgreSQL still running on our data directory, or null. */
    private static String leftoverPostgres(Settings settings) {
        Path pidFile = settings.data.resolve("postgres").resolve("postmaster.pid");
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim();
            long pid = Long.parseLong(first);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? first : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---- the supervisor ---------------------------------------------------------------------------------------

    private ProcessHandle spawnSupervisor(String runId) {
        List<String> command = new ArrayList<>();
        Optional<Path> setsid = onPath("setsid");
        // Its own session: a Ctrl-C or a closed terminal does not reach the stack.
        setsid.ifPresent(path -> command.add(path.toString()));
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add(StackFiles.SUPERVISOR_MARKER);
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dmentoring.repo=" + settings.repo);
        command.add("-Dmentoring.logs=" + settings.logs);
        Path temporary = settings.home.resolve("tmp");
        try {
            Files.createDirectories(temporary);
            command.add("-Djava.io.tmpdir=" + temporary); // zonky writes a script there at each start
        } catch (IOException e) {
            // keep the system's
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("run");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(settings.stackLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("MENTORING_HOME", settings.home.toString());
        builder.environment().put("MENTORING_RUN_ID", runId);
        try {
            return builder.start().toHandle();
        } catch (IOException e) {
            throw new LauncherException("Cannot start the stack supervisor: " + e.getMessage());
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Ctrl-C while the stack starts: stop what has started rather than leave half a stack behind. */
    private void installInterruptHandler(ProcessHandle supervisor) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished || !supervisor.isAlive()) {
                return;
            }
            System.out.println();
            System.out.println("Interrupted: stopping what had started...");
            supervisor.destroy();
            try {
                supervisor.onExit().get(60, TimeUnit.SECONDS);
                System.out.println("Stopped.");
            } catch (Exception e) {
                System.out.println("Still stopping (pid " + supervisor.pid() + "): see " + settings.stackLog());
            }
        }, "up-interrupted"));
    }

    private int follow(ProcessHandle supervisor, String runId, int alreadyShown) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.upTimeoutSeconds);
        int shown = alreadyShown;
        while (true) {
            Map<String, String> state = StackFiles.readState(settings.stateFile());
            boolean ours = runId.equals(state.get("runId"));
            if (ours) {
                for (String line; (line = state.get("progress." + (shown + 1))) != null; shown++) {
                    System.out.println("  " + line);
                }
                String current = state.get("state");
                if ("READY".equals(current)) {
                    finished = true;
                    System.out.println("The local stack is up in " + state.get("startSeconds") + " s (pid "
                            + supervisor.pid() + "):");
                    Summary.print(System.out, state, downCommand());
                    return 0;
                }
                if ("FAILED".equals(current)) {
                    finished = true;
                    waitForExit(supervisor, 90);
                    System.err.println("The local stack did not start: " + state.get("reason"));
                    String log = state.getOrDefault("log", settings.stackLog().toString());
                    System.err.println("See " + log + (log.equals(settings.stackLog().toString()) ? "."
                            : " (and " + settings.stackLog() + ")."));
                    return 1;
                }
            }
            if (!supervisor.isAlive()) {
                Map<String, String> last = StackFiles.readState(settings.stateFile());
                if (runId.equals(last.get("runId")) && "FAILED".equals(last.get("state"))) {
                    continue; // report it above
                }
                finished = true;
                System.err.println("The stack supervisor stopped unexpectedly: see " + settings.stackLog() + ".");
                return 1;
            }
            if (System.nanoTime() > deadline) {
                finished = true;
                System.err.println("The local stack was not ready after " + settings.upTimeoutSeconds
                        + " s (MENTORING_UP_TIMEOUT): stopping it. See " + settings.logs + ".");
                supervisor.destroy();
                waitForExit(supervisor, 90);
                return 1;
            }
            sleep(500);
        }
    }

    private static void waitForExit(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            // reported by the caller's message
        }
    }

    private String downCommand() {
        Path cwd = Paths.get("").toAbsolutePath().normalize();
        String script = cwd.equals(settings.repo) ? "./deploy/local/down"
                : settings.repo.resolve("deploy").resolve("local").resolve("down").toString();
        String home = System.getenv("MENTORING_HOME");
        return home == null || home.isBlank() ? script : "MENTORING_HOME=" + settings.home + " " + script;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
