package org.mentoring.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code run} command: starts PostgreSQL, Kafka, Keycloak, the services and the gateway in that order, reports
 * progress through the state file, then waits. SIGTERM (or Ctrl-C in the foreground) stops everything in reverse
 * order. Signals are handled here rather than in a shutdown hook, so that the order holds (the embedded PostgreSQL
 * registers a shutdown hook of its own, and hooks run in parallel).
 */
final class Supervisor {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Settings settings;
    private final String javaHome = System.getProperty("java.home");
    private final Map<String, String> state = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private int progressLines;

    // What runs, in start order; guarded by "this".
    private boolean stopping;
    private boolean stopped;
    private Postgres postgres;
    private Kafka kafka;
    private ChildProcess keycloak;
    private final List<ChildProcess> services = new ArrayList<>();
    private ChildProcess gateway;
    private final List<String> started = new ArrayList<>();

    Supervisor(Settings settings) {
        this.settings = settings;
    }

    int run() {
        long startNanos = System.nanoTime();
        StackFiles.runningSupervisor(settings).filter(p -> p.pid() != ProcessHandle.current().pid())
                .ifPresent(p -> {
                    throw new LauncherException("The local stack of " + settings.home + " already runs (pid "
                            + p.pid() + ").");
                });
        if (System.getenv("MENTORING_RUN_ID") == null) {
            UpCommand.preflight(settings); // in the foreground; up did these checks already
        }
        try {
            Files.createDirectories(settings.logs);
            Files.createDirectories(settings.data);
            Files.writeString(settings.pidFile(), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new LauncherException("Cannot write into " + settings.home + ": " + e.getMessage());
        }
        String runId = Settings.blankToNull(System.getenv("MENTORING_RUN_ID"));
        state.put("runId", runId == null ? UUID.randomUUID().toString() : runId);
        state.put("pid", Long.toString(ProcessHandle.current().pid()));
        state.put("home", settings.home.toString());
        state.put("startedAt", Long.toString(System.currentTimeMillis()));
        state.put("state", "STARTING");
        saveState();
        installSignalHandlers();
        Log.info("Local stack supervisor started (pid " + ProcessHandle.current().pid() + ", home " + settings.home
                + ", Java " + System.getProperty("java.version") + ")");

        try {
            startPostgres();
            startKafka();
            startKeycloak();
            startServices();
        } catch (StartFailure failure) {
            Log.error(failure.getMessage(), failure.getCause());
            synchronized (this) {
                if (stopping) {
                    return parkUntilExit(); // a stop request came first; its thread exits
                }
                state.put("state", "FAILED");
                state.put("reason", failure.getMessage());
                state.put("log", failure.log == null ? settings.stackLog().toString() : failure.log.toString());
                saveState();
            }
            stopAll();
            return 1;
        } catch (StopRequested e) {
            return parkUntilExit();
        } catch (RuntimeException e) {
            Log.error("Unexpected error while starting", e);
            synchronized (this) {
                state.put("state", "FAILED");
                state.put("reason", "Unexpected error while starting: " + e);
                state.put("log", settings.stackLog().toString());
                saveState();
            }
            stopAll();
            return 1;
        }

        synchronized (this) {
            if (stopping) {
                return parkUntilExit();
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            state.put("state", "READY");
            state.put("readyAt", Long.toString(System.currentTimeMillis()));
            state.put("startSeconds", String.format("%.0f", seconds));
            saveState();
            Log.info(String.format("Local stack ready in %.1f s", seconds));
        }
        watchChildren();
        return 0;
    }

    // ---- the parts, in order --------------------------------------------------------------------------------------

    private void startPostgres() throws StartFailure {
        checkNotStopping();
        long start = System.nanoTime();
        String where = settings.dbHost + ":" + settings.dbPort;
        if (settings.externalPostgres) {
            progress("Using the external PostgreSQL at " + where);
            Postgres.createDatabases(settings, Duration.ofSeconds(30));
        } else {
            progress("Starting PostgreSQL on port " + settings.dbPort);
            Postgres started = Postgres.startEmbedded(settings);
            register(() -> postgres = started, started::stop, "PostgreSQL");
            Postgres.createDatabases(settings, Duration.ofSeconds(10));
        }
        state.put("postgres", where + (settings.externalPostgres ? " (external)" : " (embedded)"));
        progress(String.format("PostgreSQL ready in %.1f s (databases %s)", seconds(start),
                String.join(", ", Settings.DATABASES)));
    }

    private void startKafka() throws StartFailure {
        checkNotStopping();
        long start = System.nanoTime();
        if (settings.externalKafka) {
            progress("Using the external Kafka at " + settings.kafkaBootstrap);
            Kafka.waitUntilAnswering(settings.kafkaBootstrap, Duration.ofSeconds(30), settings.stackLog());
        } else {
            progress("Starting Kafka on port " + settings.kafkaPort);
            Kafka.start(settings, k -> register(() -> kafka = k, k::stop, "Kafka"));
        }
        state.put("kafka", settings.kafkaBootstrap + (settings.externalKafka ? " (external)" : " (embedded)"));
        progress(String.format("Kafka ready in %.1f s", seconds(start)));
    }

    private void startKeycloak() throws StartFailure {
        checkNotStopping();
        long start = System.nanoTime();
        String wellKnown = settings.realmUrl() + "/.well-known/openid-configuration";
        if (settings.externalKeycloak) {
            progress("Using the external Keycloak at " + settings.keycloakUrl);
            waitForHttp("Keycloak", null, wellKnown, Duration.ofSeconds(30), settings.stackLog());
        } else {
            boolean firstStart = !Files.exists(Keycloak.installation(settings).resolve("data").resolve("h2"));
            progress("Starting Keycloak on port " + settings.keycloakPort
                    + (firstStart ? " (the first start takes about a minute)" : ""));
            Path home = Keycloak.install(settings);
            ChildProcess process = Keycloak.start(settings, home, javaHome);
            register(() -> keycloak = process, () -> stopChildren(List.of(process)), "Keycloak");
            String local = "http://127.0.0.1:" + settings.keycloakPort + "/realms/" + Settings.REALM
                    + "/.well-known/openid-configuration";
            waitForHttp("Keycloak", process, local, Duration.ofSeconds(settings.keycloakTimeoutSeconds), process.log);
            String warning = Keycloak.realmChangeWarning(settings, home);
            if (warning != null) {
                state.put("warning", warning);
                Log.info("WARNING " + warning);
            }
            state.put("keycloakAdmin", Keycloak.ADMIN_USER + "/" + Keycloak.ADMIN_PASSWORD);
        }
        state.put("keycloak", settings.keycloakUrl + (settings.externalKeycloak ? " (external)" : ""));
        progress(String.format("Keycloak ready in %.1f s (realm %s)", seconds(start), Settings.REALM));
    }

    private void startServices() throws StartFailure {
        List<Settings.ServiceDef> backends = settings.services.stream()
                .filter(s -> !s.module.equals("gateway")).collect(Collectors.toList());
        List<Settings.ServiceDef> front = settings.services.stream()
                .filter(s -> s.module.equals("gateway")).collect(Collectors.toList());
        startInParallel(backends);
        startInParallel(front);
        if (!front.isEmpty()) {
            state.put("gateway", settings.gatewayUrl());
        }
        state.put("services", settings.services.stream().map(s -> s.module + "@" + s.port)
                .collect(Collectors.joining(",")));
    }

    private void startInParallel(List<Settings.ServiceDef> group) throws StartFailure {
        if (group.isEmpty()) {
            return;
        }
        checkNotStopping();
        progress("Starting " + group.stream().map(s -> s.module + " (port " + s.port + ")")
                .collect(Collectors.joining(", ")));
        Map<Settings.ServiceDef, ChildProcess> processes = new LinkedHashMap<>();
        for (Settings.ServiceDef service : group) {
            Path jar = settings.serviceJar(service);
            Path log = settings.logs.resolve(service.module + ".log");
            if (!Files.isRegularFile(jar)) {
                throw new StartFailure(service.module + " is not built (" + settings.repo.relativize(jar)
                        + " is missing): run ./mvnw install", settings.stackLog());
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(javaHome, "bin", "java").toString());
            command.addAll(Arrays.asList(settings.serviceJavaOptions.trim().split("\\s+")));
            command.removeIf(String::isEmpty);
            command.add("-jar");
            command.add(jar.toString());
            ChildProcess process;
            try {
                process = ChildProcess.start(service.module, command, settings.home.resolve("run").resolve(service.module),
                        serviceEnvironment(service), log);
            } catch (IOException e) {
                throw new StartFailure(service.module + " did not start: " + e.getMessage(), log, e);
            }
            boolean isGateway = service.module.equals("gateway");
            register(() -> {
                if (isGateway) {
                    gateway = process;
                } else {
                    services.add(process);
                }
            }, () -> stopChildren(List.of(process)), service.module);
            processes.put(service, process);
        }
        Duration patience = Duration.ofSeconds(settings.serviceTimeoutSeconds);
        long deadline = System.nanoTime() + patience.toNanos();
        Map<Settings.ServiceDef, ChildProcess> pending = new LinkedHashMap<>(processes);
        while (!pending.isEmpty()) {
            checkNotStopping();
            for (var entry : new ArrayList<>(pending.entrySet())) {
                ChildProcess process = entry.getValue();
                if (!process.isAlive()) {
                    throw new StartFailure(process.name + " stopped while starting (exit code "
                            + process.process.exitValue() + ")", process.log);
                }
                if (Http.status(entry.getKey().url() + "/q/health/ready") == 200) {
                    progress(String.format("%s ready in %.1f s", process.name, process.secondsSinceStart()));
                    pending.remove(entry.getKey());
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                ChildProcess first = pending.values().iterator().next();
                throw new StartFailure(pending.values().stream().map(p -> p.name).collect(Collectors.joining(", "))
                        + " not ready after " + patience.toSeconds() + " s (GET /q/health/ready)", first.log);
            }
            if (!pending.isEmpty()) {
                sleep(1000);
            }
        }
    }

    /** The environment every service reads (and the gateway its upstream URLs). */
    Map<String, String> serviceEnvironment(Settings.ServiceDef service) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port));
        env.put("DB_HOST", settings.dbHost);
        env.put("DB_PORT", Integer.toString(settings.dbPort));
        env.put("DB_USER", settings.dbUser);
        env.put("DB_PASSWORD", settings.dbPassword);
        if (service.database != null) {
            env.put("DB_NAME", service.database);
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap);
        env.put("KEYCLOAK_URL", settings.keycloakUrl);
        env.put("JWT_ISSUER", settings.realmUrl());
        env.put("JWT_JWKS_URL", settings.realmUrl() + "/protocol/openid-connect/certs");
        env.put("JWT_AUDIENCE", "mentoring-api");
        if (service.module.equals("gateway")) {
            for (String module : Settings.ALL_SERVICES) {
                if (module.equals("gateway")) {
                    continue;
                }
                String prefix = module.substring(0, module.indexOf('-')).toUpperCase();
                int port = Settings.port(settings.env, prefix + "_PORT", defaultPort(module));
                env.put(prefix + "_URL", "http://127.0.0.1:" + port);
            }
        }
        return env;
    }

    private static int defaultPort(String module) {
        switch (module) {
            case "applicants-service":
                return 8081;
            case "matching-service":
                return 8082;
            case "agreements-service":
                return 8083;
            default:
                return 8084;
        }
    }

    private void waitForHttp(String name, ChildProcess process, String url, Duration patience, Path log)
            throws StartFailure {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            checkNotStopping();
            if (process != null && !process.isAlive()) {
                throw new StartFailure(name + " stopped while starting (exit code " + process.process.exitValue()
                        + ")", log);
            }
            if (Http.status(url) == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartFailure(name + " did not answer " + url + " within " + patience.toSeconds() + " s",
                        log);
            }
            sleep(1000);
        }
    }

    // ---- after READY --------------------------------------------------------------------------------------------

    /** Notes in the state file which child died (it is not restarted: its log tells why). */
    private void watchChildren() {
        List<String> reported = new ArrayList<>();
        while (true) {
            sleep(2000);
            synchronized (this) {
                if (stopping) {
                    continue;
                }
                List<ChildProcess> children = new ArrayList<>(services);
                if (keycloak != null) {
                    children.add(keycloak);
                }
                if (gateway != null) {
                    children.add(gateway);
                }
                for (ChildProcess child : children) {
                    if (!child.isAlive() && !reported.contains(child.name)) {
                        reported.add(child.name);
                        Log.info(child.name + " exited (code " + child.process.exitValue() + "): see " + child.log);
                        state.put("exited", String.join(",", reported));
                        saveState();
                    }
                }
            }
        }
    }

    // ---- stopping -----------------------------------------------------------------------------------------------

    private static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private synchronized void checkNotStopping() {
        if (stopping) {
            throw new StopRequested();
        }
    }

    /**
     * Records a part that has just started. When a stop was requested meanwhile, the part is stopped at once and the
     * start sequence ends.
     */
    private void register(Runnable record, Runnable stop, String name) {
        synchronized (this) {
            if (!stopping) {
                record.run();
                started.add(name);
                state.put("components", String.join(",", started));
                saveState();
                return;
            }
        }
        stop.run();
        throw new StopRequested();
    }

    private void installSignalHandlers() {
        for (String signal : List.of("TERM", "INT", "HUP")) {
            Signals.handle(signal, () -> new Thread(() -> {
                Log.info("Received SIG" + signal + ": stopping the stack");
                stopAll();
                System.exit(0);
            }, "stack-stop").start());
        }
        // If the JVM ends another way, still stop the children.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "stack-stop-hook"));
    }

    /** Stops everything that was started, in reverse order: gateway, services, Keycloak, Kafka, PostgreSQL. */
    synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopping = true;
        if (!"FAILED".equals(state.get("state"))) {
            state.put("state", "STOPPING");
            saveState();
        }
        if (gateway != null) {
            stopChildren(List.of(gateway));
        }
        List<ChildProcess> reversed = new ArrayList<>(services);
        java.util.Collections.reverse(reversed);
        stopChildren(reversed);
        if (keycloak != null) {
            stopChildren(List.of(keycloak));
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        stopped = true;
        if (!"FAILED".equals(state.get("state"))) {
            state.put("state", "STOPPED");
        }
        saveState();
        StackFiles.deleteQuietly(settings.pidFile());
        Log.info("Local stack stopped");
    }

    /** Asks all at once, then waits for each: services stop in parallel. */
    private static void stopChildren(List<ChildProcess> children) {
        for (ChildProcess child : children) {
            child.requestStop();
        }
        for (ChildProcess child : children) {
            child.awaitStop(STOP_GRACE);
        }
    }

    private int parkUntilExit() {
        while (true) {
            sleep(60_000);
        }
    }

    // ---- state file -----------------------------------------------------------------------------------------------

    private synchronized void progress(String line) {
        Log.info(line);
        progressLines++;
        state.put("progress." + progressLines, line);
        saveState();
    }

    private synchronized void saveState() {
        try {
            StackFiles.writeState(settings.stateFile(), state);
        } catch (IOException e) {
            Log.error("Cannot write " + settings.stateFile(), e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
