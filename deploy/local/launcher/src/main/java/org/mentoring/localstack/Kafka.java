package org.mentoring.localstack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/** A single-node KRaft Kafka broker (broker and controller in one), inside the supervisor's JVM. */
final class Kafka {

    private final KafkaRaftServer server;

    private Kafka(KafkaRaftServer server) {
        this.server = server;
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
        p.setProperty("num.partitions", "1");
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

    /**
     * Formats the log directory on the first run only (when it has no meta.properties), then starts the broker and
     * waits until an admin client sees it. {@code registry} receives the server before it starts, so that a stop
     * request during the start can shut it down.
     */
    static Kafka start(Settings settings, java.util.function.Consumer<Kafka> registry) throws StartFailure {
        Path logDirectory = settings.data.resolve("kafka");
        Path log = settings.logs.resolve("kafka.log");
        try {
            Files.createDirectories(logDirectory);
            Properties properties = brokerProperties(settings, logDirectory);
            Path configFile = settings.data.resolve("kafka-server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                properties.store(out, "Written by the local stack launcher at each start");
            }
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                String clusterId = Uuid.randomUuid().toString();
                Log.info("Formatting the Kafka log directory (cluster " + clusterId + ")");
                int code;
                try (PrintStream out = new PrintStream(new LogOutputStream(), false, StandardCharsets.UTF_8)) {
                    code = StorageTool.execute(
                            new String[] {"format", "-t", clusterId, "-c", configFile.toString()}, out);
                }
                if (code != 0) {
                    throw new StartFailure("Formatting the Kafka log directory failed (code " + code + ")",
                            settings.stackLog());
                }
            }
            Kafka kafka = new Kafka(new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM));
            registry.accept(kafka);
            kafka.server.startup();
            waitUntilAnswering(settings.kafkaBootstrap, Duration.ofSeconds(60), log);
            return kafka;
        } catch (StartFailure e) {
            throw e;
        } catch (Exception e) {
            throw new StartFailure("Kafka did not start: " + e.getMessage(), log, e);
        }
    }

    /** Waits until a Kafka cluster (ours or an external one) lists its nodes. */
    static void waitUntilAnswering(String bootstrap, Duration patience, Path log) throws StartFailure {
        Properties config = new Properties();
        config.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        long deadline = System.nanoTime() + patience.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                try {
                    int nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new StartFailure("Kafka at " + bootstrap + " does not answer"
                + (last == null ? "" : ": " + last.getMessage()), log, last);
    }

    void stop() {
        try {
            server.shutdown();
            server.awaitShutdown();
            Log.info("Stopped Kafka");
        } catch (RuntimeException e) {
            Log.error("Stopping Kafka failed", e);
        }
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
