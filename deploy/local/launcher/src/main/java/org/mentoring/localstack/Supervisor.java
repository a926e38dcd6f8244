package org.mentoring.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The {@code run} command: starts PostgreSQL, Kafka, Keycloak, the mail server, the services and the gateway in that order, reports
 * progress through the state file, then waits. SIGTERM (or Ctrl-C in the foreground) stops everything in reverse
 * order. Signals are handled here rather than in a shutdown hook, so that the order holds (the embedded PostgreSQL
 * registers a shutdown hook of its own, and hooks run in parallel).
 */
final class Supervisor {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Settings settings;
    private final String javaHome = System.getProperty("java.home");
    private final Map<String, String> state = Collections.synchronizedMap(new LinkedHashMap<>());
    private int progressLines;

    // What runs, in start order; guarded by "this".
    private boolean stopping;
    private boolean stopped;
    private Postgres postgres;
    private ChildProcess kafka;
    private ChildProcess keycloak;
    private MailBox mailBox;
    /** The service replicas by name (gateway apart), each the latest process started for it. */
    private final Map<String, ChildProcess> services = new LinkedHashMap<>();
    private ChildProcess gateway;
    private final List<String> started = new ArrayList<>();
    /** Parts stopped through a control request: not reported as exited. */
    private final Set<String> stoppedOnRequest = new TreeSet<>();
    private final Map<String, Settings.Replica> replicas = new LinkedHashMap<>();
    private final Map<String, Object> partLocks = new ConcurrentHashMap<>();

    Supervisor(Settings settings) {
        this.settings = settings;
        for (Settings.Replica replica : settings.instances()) {
            replicas.put(replica.name, replica);
        }
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
            Control.takeRequests(settings.controlDirectory()); // left over from an earlier run: dropped
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
            startMail();
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
            Kafka.waitUntilAnswering(settings.kafkaBootstrap, Duration.ofSeconds(30), settings.stackLog(), null);
        } else {
            progress("Starting Kafka on port " + settings.kafkaPort + " (" + settings.kafkaPartitions
                    + " partition" + (settings.kafkaPartitions == 1 ? "" : "s") + " per topic)");
            Kafka.prepare(settings);
            ChildProcess process = Kafka.start(settings, javaHome);
            register(() -> kafka = process, () -> stopChildren(List.of(process)), "Kafka");
            writePid(Kafka.NAME, process);
            Kafka.waitUntilAnswering(settings.kafkaBootstrap, Duration.ofSeconds(90), process.log, process);
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
            writePid("keycloak", process);
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

    /** GreenMail's SMTP server and the endpoint that shows what it received, in this JVM (unless external). */
    void startMail() throws StartFailure {
        checkNotStopping();
        if (settings.externalSmtp) {
            state.put("smtp", settings.env.get("QUARKUS_MAILER_HOST").trim() + " (external)");
            progress("Using the external SMTP server at " + settings.env.get("QUARKUS_MAILER_HOST").trim());
            return;
        }
        long start = System.nanoTime();
        progress("Starting the mail server (SMTP on port " + settings.smtpPort + ", mails at "
                + settings.mailsUrl() + ")");
        MailBox started;
        try {
            started = MailBox.start("127.0.0.1", settings.smtpPort, settings.mailsPort);
        } catch (IOException | RuntimeException e) {
            throw new StartFailure("The mail server did not start: " + e.getMessage(), settings.stackLog(), e);
        }
        register(() -> mailBox = started, started::stop, "mail");
        state.put("smtp", "127.0.0.1:" + settings.smtpPort);
        state.put("mails", settings.mailsUrl());
        progress(String.format("Mail server ready in %.1f s", seconds(start)));
    }

    private void startServices() throws StartFailure {
        List<Settings.Replica> backends = settings.instances().stream()
                .filter(r -> !r.service.module.equals("gateway")).collect(Collectors.toList());
        List<Settings.Replica> front = settings.instances().stream()
                .filter(r -> r.service.module.equals("gateway")).collect(Collectors.toList());
        startInParallel(backends);
        startInParallel(front);
        if (!front.isEmpty()) {
            state.put("gateway", settings.gatewayUrl());
        }
        state.put("services", settings.instances().stream().map(r -> r.name + "@" + r.port)
                .collect(Collectors.joining(",")));
    }

    private void startInParallel(List<Settings.Replica> group) throws StartFailure {
        if (group.isEmpty()) {
            return;
        }
        checkNotStopping();
        progress("Starting " + group.stream().map(r -> r.name + " (port " + r.port + ")")
                .collect(Collectors.joining(", ")));
        Map<Settings.Replica, ChildProcess> processes = new LinkedHashMap<>();
        for (Settings.Replica replica : group) {
            ChildProcess process = launch(replica, false);
            register(() -> record(replica, process), () -> stopChildren(List.of(process)), replica.name);
            processes.put(replica, process);
        }
        awaitReady(processes, true);
    }

    /** Starts one replica's JVM (not waiting for it). */
    private ChildProcess launch(Settings.Replica replica, boolean appendToLog) throws StartFailure {
        Path jar = settings.serviceJar(replica.service);
        Path log = settings.logs.resolve(replica.name + ".log");
        if (!Files.isRegularFile(jar)) {
            throw new StartFailure(replica.service.module + " is not built (" + settings.repo.relativize(jar)
                    + " is missing): run ./mvnw install", settings.stackLog());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.addAll(Arrays.asList(settings.serviceJavaOptions.trim().split("\\s+")));
        command.removeIf(String::isEmpty);
        command.add("-jar");
        command.add(jar.toString());
        try {
            return ChildProcess.start(replica.name, command, settings.home.resolve("run").resolve(replica.name),
                    serviceEnvironment(replica), LAUNCHER_ONLY, log, appendToLog);
        } catch (IOException e) {
            throw new StartFailure(replica.name + " did not start: " + e.getMessage(), log, e);
        } catch (LauncherException e) {
            throw new StartFailure(replica.name + " did not start: " + e.getMessage(), settings.stackLog(), e);
        }
    }

    /** Notes a started replica (under the lock of {@code register}) and writes its PID file. */
    private void record(Settings.Replica replica, ChildProcess process) {
        if (replica.service.module.equals("gateway")) {
            gateway = process;
        } else {
            services.put(replica.name, process);
        }
        writePid(replica.name, process);
    }

    /** Waits until each replica answers {@code GET /q/health/ready} with 200. */
    private void awaitReady(Map<Settings.Replica, ChildProcess> processes, boolean starting) throws StartFailure {
        Duration patience = Duration.ofSeconds(settings.serviceTimeoutSeconds);
        long deadline = System.nanoTime() + patience.toNanos();
        Map<Settings.Replica, ChildProcess> pending = new LinkedHashMap<>(processes);
        while (!pending.isEmpty()) {
            checkNotStopping();
            for (var entry : new ArrayList<>(pending.entrySet())) {
                ChildProcess process = entry.getValue();
                if (!process.isAlive()) {
                    throw new StartFailure(process.name + " stopped while starting (exit code "
                            + process.process.exitValue() + ")", process.log);
                }
                if (Http.status(entry.getKey().url() + "/q/health/ready") == 200) {
                    String line = String.format("%s ready in %.1f s", process.name, process.secondsSinceStart());
                    if (starting) {
                        progress(line);
                    } else {
                        Log.info(line);
                    }
                    pending.remove(entry.getKey());
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                ChildProcess first = pending.values().iterator().next();
                throw new StartFailure(pending.values().stream().map(p -> p.name).collect(Collectors.joining(", "))
                        + " not ready after " + patience.toSeconds() + " s (GET /q/health/ready)", first.log);
            }
            if (!pending.isEmpty()) {
                sleep(starting ? 1000 : 250);
            }
        }
    }

    /**
     * The launcher's own settings of its broker, kept from the services' environment: Quarkus takes every
     * {@code KAFKA_*} variable as a Kafka setting of every channel, and {@code KAFKA_PARTITIONS} as the connector's
     * {@code partitions} attribute, which starts that many consumers per channel and concurrency slot (with 4
     * partitions and 2 consumers per topic, a replica ran 8 consumers per topic, 40 in notifications-service, each
     * with its own heartbeat thread and dead-letter producer).
     */
    static final Set<String> LAUNCHER_ONLY = Set.of("KAFKA_PARTITIONS", "KAFKA_PORT",
            "KAFKA_CONTROLLER_PORT");

    /** The environment every service reads (and the gateway its upstream URLs, one per replica). */
    Map<String, String> serviceEnvironment(Settings.Replica replica) {
        Settings.ServiceDef service = replica.service;
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(replica.port));
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
        if (service.module.equals("sessions-service")) {
            env.putAll(NotesKey.environment(settings));
        }
        if (service.module.equals("notifications-service")) {
            // Local only: webhook receivers on this machine over plain http.
            env.put("WEBHOOKS_ALLOW_HTTP", "true");
            env.put("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
            if (!settings.externalSmtp) {
                env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
                env.put("QUARKUS_MAILER_PORT", Integer.toString(settings.smtpPort));
            }
        }
        if (service.module.equals("gateway")) {
            for (String module : Settings.ALL_SERVICES) {
                if (module.equals("gateway")) {
                    continue;
                }
                env.put(Settings.variablePrefix(module) + "_URL", settings.definition(module).instances().stream()
                        .map(Settings.Replica::url).collect(Collectors.joining(",")));
            }
        }
        return env;
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

    /**
     * Notes in the state file which child died (it is not restarted by itself: its log tells why), and carries out
     * the control requests of deploy/local/ctl on threads of their own: requests for different parts side by side
     * (a replica starting does not hold up stopping Kafka), those for one part one after the other.
     */
    private void watchChildren() {
        ExecutorService control = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "stack-control");
            thread.setDaemon(true);
            return thread;
        });
        long nextCheck = 0;
        while (true) {
            for (Control.Request request : Control.takeRequests(settings.controlDirectory())) {
                control.submit(() -> Control.answer(settings.controlDirectory(), request, carryOut(request)));
            }
            if (System.nanoTime() >= nextCheck) {
                nextCheck = System.nanoTime() + 2_000_000_000L;
                noteExitedChildren();
            }
            sleep(200);
        }
    }

    private synchronized void noteExitedChildren() {
        if (stopping) {
            return;
        }
        List<ChildProcess> children = new ArrayList<>(services.values());
        for (ChildProcess child : Arrays.asList(keycloak, gateway, kafka)) {
            if (child != null) {
                children.add(child);
            }
        }
        List<String> exited = new ArrayList<>();
        for (ChildProcess child : children) {
            if (!child.isAlive() && !stoppedOnRequest.contains(child.name)) {
                exited.add(child.name);
            }
        }
        String now = exited.isEmpty() ? null : String.join(",", exited);
        String before = state.get("exited");
        if (!Objects.equals(now, before)) {
            for (String name : exited) {
                if (before == null || !Arrays.asList(before.split(",")).contains(name)) {
                    ChildProcess child = children.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
                    Log.info(name + " exited (code " + child.process.exitValue() + "): see " + child.log);
                }
            }
            if (now == null) {
                state.remove("exited");
            } else {
                state.put("exited", now);
            }
        }
        String stoppedNow = stoppedOnRequest.isEmpty() ? null : String.join(",", stoppedOnRequest);
        if (stoppedNow == null) {
            state.remove("stopped");
        } else {
            state.put("stopped", stoppedNow);
        }
        saveState();
    }

    /** One control request: stop, kill, start or restart of a service replica (by name) or of kafka. */
    Control.Result carryOut(Control.Request request) {
        synchronized (partLocks.computeIfAbsent(request.part, k -> new Object())) {
            return carryOutAlone(request);
        }
    }

    private Control.Result carryOutAlone(Control.Request request) {
        String part = request.part;
        if (part.equals(MAIL)) {
            return carryOutOnMail(request.verb);
        }
        boolean isKafka = part.equals(Kafka.NAME);
        if (isKafka && settings.externalKafka) {
            return Control.Result.failed("Kafka is external (KAFKA_BOOTSTRAP_SERVERS): the stack does not run it.");
        }
        if (!isKafka && !replicas.containsKey(part)) {
            return Control.Result.failed("Unknown part '" + part + "': use kafka, mail or one of "
                    + String.join(", ", replicas.keySet()) + ".");
        }
        long start = System.nanoTime();
        Log.info("Control request: " + request.verb + " " + part);
        try {
            switch (request.verb) {
                case "stop":
                case "kill":
                    return Control.Result.ok(halt(part, request.verb.equals("kill")));
                case "start":
                    return Control.Result.ok(bringUp(part, start));
                case "restart":
                    halt(part, false);
                    return Control.Result.ok(bringUp(part, start));
                default:
                    return Control.Result.failed("Unknown action '" + request.verb + "': use "
                            + String.join(", ", Control.VERBS) + ".");
            }
        } catch (StartFailure e) {
            Log.error(e.getMessage(), e.getCause());
            return Control.Result.failed(e.getMessage() + " (see " + e.log + ")");
        } catch (StopRequested e) {
            return Control.Result.failed("The stack is stopping.");
        }
    }

    /** The mail server's part name for deploy/local/ctl: its SMTP port closed and opened again. */
    static final String MAIL = "mail";

    /** stop (or kill) closes the SMTP port, start opens it again; the mails received stay readable throughout. */
    private Control.Result carryOutOnMail(String verb) {
        MailBox box;
        synchronized (this) {
            box = mailBox;
        }
        if (box == null) {
            return Control.Result.failed(settings.externalSmtp
                    ? "The SMTP server is external (QUARKUS_MAILER_HOST): the stack does not run it."
                    : "The mail server has not started.");
        }
        Log.info("Control request: " + verb + " " + MAIL);
        try {
            switch (verb) {
                case "stop":
                case "kill":
                    synchronized (this) {
                        checkNotStopping();
                        stoppedOnRequest.add(MAIL);
                    }
                    box.stopSmtp();
                    noteExitedChildren();
                    return Control.Result.ok("mail: SMTP port " + settings.smtpPort + " closed (mails still at "
                            + settings.mailsUrl() + ")");
                case "start":
                case "restart":
                    if (verb.equals("restart")) {
                        box.stopSmtp();
                    }
                    checkNotStopping();
                    box.startSmtp();
                    synchronized (this) {
                        stoppedOnRequest.remove(MAIL);
                    }
                    noteExitedChildren();
                    return Control.Result.ok("mail: SMTP port " + settings.smtpPort + " open");
                default:
                    return Control.Result.failed("Unknown action '" + verb + "': use "
                            + String.join(", ", Control.VERBS) + ".");
            }
        } catch (StopRequested e) {
            return Control.Result.failed("The stack is stopping.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Control.Result.failed("Interrupted.");
        } catch (RuntimeException e) {
            Log.error("mail: " + verb + " failed", e);
            return Control.Result.failed("mail: " + verb + " failed: " + e.getMessage());
        }
    }

    private ChildProcess current(String part) {
        synchronized (this) {
            if (part.equals(Kafka.NAME)) {
                return kafka;
            }
            return part.equals("gateway") ? gateway : services.get(part);
        }
    }

    /** Stops (SIGTERM, then SIGKILL after the grace period) or kills (SIGKILL) a part; returns what happened. */
    private String halt(String part, boolean kill) {
        ChildProcess process = current(part);
        synchronized (this) {
            checkNotStopping();
            stoppedOnRequest.add(part);
        }
        if (process == null || !process.isAlive()) {
            return part + " is not running";
        }
        if (kill) {
            process.kill();
        } else {
            stopChildren(List.of(process));
        }
        StackFiles.deleteQuietly(settings.pidFile(part));
        noteExitedChildren();
        return part + (kill ? " killed (pid " : " stopped (pid ") + process.pid() + ")";
    }

    /** Starts a part that is not running and waits until it is ready; a running one is left alone. */
    private String bringUp(String part, long startNanos) throws StartFailure {
        ChildProcess running = current(part);
        if (running != null && running.isAlive()) {
            return part + " already runs (pid " + running.pid() + ")";
        }
        checkNotStopping();
        ChildProcess process;
        if (part.equals(Kafka.NAME)) {
            process = Kafka.start(settings, javaHome);
            registerRestart(part, process, () -> kafka = process);
            Kafka.waitUntilAnswering(settings.kafkaBootstrap, Duration.ofSeconds(90), process.log, process);
        } else {
            Settings.Replica replica = replicas.get(part);
            process = launch(replica, true);
            registerRestart(part, process, () -> record(replica, process));
            awaitReady(Map.of(replica, process), false);
        }
        synchronized (this) {
            stoppedOnRequest.remove(part);
        }
        noteExitedChildren();
        return String.format("%s ready in %.1f s (pid %d)", part, seconds(startNanos), process.pid());
    }

    /** Records a process started by a control request, unless the stack is stopping (then it is stopped at once). */
    private void registerRestart(String part, ChildProcess process, Runnable record) {
        synchronized (this) {
            if (!stopping) {
                record.run();
                if (part.equals(Kafka.NAME)) {
                    writePid(part, process);
                }
                return;
            }
        }
        stopChildren(List.of(process));
        throw new StopRequested();
    }

    private void writePid(String part, ChildProcess process) {
        try {
            Files.createDirectories(settings.pidFile(part).getParent());
            Files.writeString(settings.pidFile(part), process.pid() + "\n");
        } catch (IOException e) {
            Log.error("Cannot write " + settings.pidFile(part), e);
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

    /**
     * Stops everything that was started, in reverse order: gateway, services, the mail server, Keycloak, Kafka,
     * PostgreSQL.
     */
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
        List<ChildProcess> reversed = new ArrayList<>(services.values());
        Collections.reverse(reversed);
        stopChildren(reversed);
        if (mailBox != null) {
            mailBox.stop();
        }
        if (keycloak != null) {
            stopChildren(List.of(keycloak));
        }
        if (kafka != null) {
            stopChildren(List.of(kafka));
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
        for (String part : started) {
            StackFiles.deleteQuietly(settings.pidFile(part.toLowerCase(Locale.ROOT)));
        }
        for (String part : replicas.keySet()) {
            StackFiles.deleteQuietly(settings.pidFile(part));
        }
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
