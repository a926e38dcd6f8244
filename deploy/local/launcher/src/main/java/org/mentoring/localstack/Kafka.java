package org.mentoring.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka broker (broker and controller in one), in a JVM of its own ({@code Main kafka}), so that
 * it can be stopped and started again while the rest of the stack runs (deploy/local/ctl stop kafka).
 */
final class Kafka {

    static final String NAME = "kafka";

    private Kafka() {
    }

    static Properties brokerProperties(Settings settings, Path logDirectory) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + settings.kafkaControllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + settings.kafkaPort
                + ",CONTROLLER://127.0.0.1:" + settings.kafkaControllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + settings.kafkaPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDirectory.toString());
        p.setProperty("num.partitions", Integer.toString(settings.kafkaPartitions));
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        return p;
    }

    /** The broker's configuration file, rewritten at each start. */
    static Path configFile(Settings settings) {
        return settings.data.resolve("kafka-server.properties");
    }

    /** Writes the configuration and formats the log directory on the first run only (no meta.properties yet). */
    static void prepare(Settings settings) throws StartFailure {
        Path logDirectory = settings.data.resolve("kafka");
        try {
            Files.createDirectories(logDirectory);
            Properties properties = brokerProperties(settings, logDirectory);
            try (OutputStream out = Files.newOutputStream(configFile(settings))) {
                properties.store(out, "Written by the local stack launcher at each start");
            }
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                String clusterId = Uuid.randomUuid().toString();
                Log.info("Formatting the Kafka log directory (cluster " + clusterId + ")");
                int code;
                try (PrintStream out = new PrintStream(new LogOutputStream(), false, StandardCharsets.UTF_8)) {
                    code = StorageTool.execute(
                            new String[] {"format", "-t", clusterId, "-c", configFile(settings).toString()}, out);
                }
                if (code != 0) {
                    throw new StartFailure("Formatting the Kafka log directory failed (code " + code + ")",
                            settings.stackLog());
                }
            }
        } catch (StartFailure e) {
            throw e;
        } catch (Exception e) {
            throw new StartFailure("Kafka could not be prepared: " + e.getMessage(), settings.stackLog(), e);
        }
    }

    /** The command line of the broker's JVM: this launcher's class path, {@code Main kafka <config>}. */
    static List<String> command(Settings settings, String javaHome) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dlog4j2.configurationFile=log4j2-kafka.xml");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("kafka");
        command.add(configFile(settings).toString());
        return command;
    }

    /** Starts the broker's JVM and waits until an admin client sees it; the log is appended to (restarts). */
    static ChildProcess start(Settings settings, String javaHome) throws StartFailure {
        Path log = settings.logs.resolve("kafka.log");
        ChildProcess process;
        try {
            process = ChildProcess.start(NAME, command(settings, javaHome), settings.home.resolve("run").resolve(NAME),
                    Map.of(), Set.of(), log, true);
        } catch (IOException e) {
            throw new StartFailure("Kafka did not start: " + e.getMessage(), log, e);
        }
        return process;
    }

    /**
     * {@code Main kafka <config>}: runs the broker in this JVM until SIGTERM (or SIGINT), then shuts it down cleanly.
     * Returns the exit code.
     */
    static int runBroker(String configFile) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(configFile))) {
            properties.load(in);
        } catch (IOException e) {
            System.err.println("Cannot read " + configFile + ": " + e.getMessage());
            return 1;
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            Log.info("Stopping Kafka");
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                Log.info("Kafka stopped");
                stopped.countDown();
            }
        };
        for (String signal : List.of("TERM", "INT")) {
            Signals.handle(signal, () -> new Thread(() -> {
                stop.run();
                System.exit(0);
            }, "kafka-stop").start());
        }
        Log.info("Starting Kafka (pid " + ProcessHandle.current().pid() + ")");
        server.startup();
        Log.info("Kafka started");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Waits until a Kafka cluster (ours or an external one) lists its nodes. */
    static void waitUntilAnswering(String bootstrap, Duration patience, Path log, ChildProcess process)
            throws StartFailure {
        Properties config = new Properties();
        config.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        config.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        long deadline = System.nanoTime() + patience.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                if (process != null && !process.isAlive()) {
                    throw new StartFailure("Kafka stopped while starting (exit code " + process.process.exitValue()
                            + ")", log);
                }
                try {
                    int nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(300);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new StartFailure("Kafka at " + bootstrap + " does not answer"
                + (last == null ? "" : ": " + last.getMessage()), log, last);
    }

    /** Sends what Kafka's storage tool prints to the supervisor's log, line by line. */
    private static final class LogOutputStream extends OutputStream {
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        @Override
        public void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public void close() {
            emit();
        }

        private void emit() {
            if (line.size() > 0) {
                Log.info("kafka-storage: " + line.toString(StandardCharsets.UTF_8).trim());
                line.reset();
            }
        }
    }
}
