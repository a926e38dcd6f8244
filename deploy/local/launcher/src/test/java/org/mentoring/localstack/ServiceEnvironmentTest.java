package org.mentoring.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The exact variables the services and the gateway read. */
class ServiceEnvironmentTest {

    private final Settings settings = Settings.from(Map.of("SESSIONS_PORT", "9184"));
    private final Supervisor supervisor = new Supervisor(settings);

    private Map<String, String> environmentOf(String name) {
        return environmentOf(settings, name);
    }

    private static Map<String, String> environmentOf(Settings settings, String name) {
        Settings.Replica replica = settings.instances().stream().filter(r -> r.name.equals(name)).findFirst()
                .orElseThrow();
        return new TreeMap<>(new Supervisor(settings).serviceEnvironment(replica));
    }

    @Test
    void aServiceGetsItsPortDatabaseKafkaAndJwtSettings() {
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("QUARKUS_HTTP_PORT", "8082"),
                Map.entry("DB_HOST", "127.0.0.1"),
                Map.entry("DB_PORT", "15432"),
                Map.entry("DB_USER", "postgres"),
                Map.entry("DB_PASSWORD", "postgres"),
                Map.entry("DB_NAME", "matching"),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                Map.entry("KEYCLOAK_URL", "http://localhost:8180"),
                Map.entry("JWT_ISSUER", "http://localhost:8180/realms/mentoring"),
                Map.entry("JWT_JWKS_URL", "http://localhost:8180/realms/mentoring/protocol/openid-connect/certs"),
                Map.entry("JWT_AUDIENCE", "mentoring-api")));
        assertEquals(expected, environmentOf("matching-service"));
    }

    /** The broker's own settings would reach every channel of every service as Kafka settings (KAFKA_*). */
    @Test
    void theLaunchersBrokerSettingsAreKeptFromTheServices() {
        Settings eight = Settings.from(Map.of("KAFKA_PARTITIONS", "8", "KAFKA_PORT", "19092"));
        assertEquals(Set.of("KAFKA_PARTITIONS", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT"), Supervisor.LAUNCHER_ONLY);
        for (String name : List.of("matching-service", "notifications-service", "gateway")) {
            Map<String, String> environment = environmentOf(eight, name);
            assertEquals(List.of(), environment.keySet().stream().filter(Supervisor.LAUNCHER_ONLY::contains).toList(),
                    name);
            assertEquals("127.0.0.1:19092", environment.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
        }
    }

    @Test
    void theGatewayAlsoGetsTheServicesUrls() {
        Map<String, String> gateway = environmentOf("gateway");
        assertEquals("8080", gateway.get("QUARKUS_HTTP_PORT"));
        assertEquals("http://127.0.0.1:8081", gateway.get("APPLICANTS_URL"));
        assertEquals("http://127.0.0.1:8082", gateway.get("MATCHING_URL"));
        assertEquals("http://127.0.0.1:8083", gateway.get("AGREEMENTS_URL"));
        assertEquals("http://127.0.0.1:9184", gateway.get("SESSIONS_URL"));
        assertEquals("http://127.0.0.1:8085", gateway.get("NOTIFICATIONS_URL"));
        assertEquals(null, gateway.get("DB_NAME"));
        assertEquals(null, gateway.get("QUARKUS_MAILER_HOST"));
    }

    @Test
    void notificationsSendMailToTheLocalSmtpServerAndMayCallReceiversOnThisMachine() {
        Settings moved = Settings.from(Map.of("SMTP_PORT", "13025", "NOTIFICATIONS_PORT", "18085"));
        Map<String, String> notifications = environmentOf(moved, "notifications-service");
        assertEquals("18085", notifications.get("QUARKUS_HTTP_PORT"));
        assertEquals("notifications", notifications.get("DB_NAME"));
        assertEquals("127.0.0.1", notifications.get("QUARKUS_MAILER_HOST"));
        assertEquals("13025", notifications.get("QUARKUS_MAILER_PORT"));
        assertEquals("true", notifications.get("WEBHOOKS_ALLOW_HTTP"));
        assertEquals("true", notifications.get("WEBHOOKS_ALLOW_PRIVATE_TARGETS"));
        // Only notifications-service sends mail or calls webhooks.
        assertEquals(null, environmentOf(moved, "sessions-service").get("QUARKUS_MAILER_HOST"));
        assertEquals(null, environmentOf(moved, "sessions-service").get("WEBHOOKS_ALLOW_HTTP"));

        // An external mail server (QUARKUS_MAILER_*) reaches the service through the inherited environment.
        Settings external = Settings.from(Map.of("QUARKUS_MAILER_HOST", "smtp.example.org"));
        assertEquals(null, environmentOf(external, "notifications-service").get("QUARKUS_MAILER_HOST"));
        assertEquals(null, environmentOf(external, "notifications-service").get("QUARKUS_MAILER_PORT"));
    }

    @Test
    void replicasShareTheDatabaseEachHasItsPortAndTheGatewayGetsThemAll() {
        Settings two = Settings.from(Map.of("MENTORING_REPLICAS", "2", "SESSIONS_REPLICAS", "3",
                "MATCHING_PORT", "18082"));
        Map<String, String> first = environmentOf(two, "matching-service-1");
        Map<String, String> second = environmentOf(two, "matching-service-2");
        assertEquals("18082", first.get("QUARKUS_HTTP_PORT"));
        assertEquals("18092", second.get("QUARKUS_HTTP_PORT"));
        assertEquals("matching", first.get("DB_NAME"));
        assertEquals("matching", second.get("DB_NAME"));
        assertEquals(first.get("KAFKA_BOOTSTRAP_SERVERS"), second.get("KAFKA_BOOTSTRAP_SERVERS"));

        Map<String, String> gateway = environmentOf(two, "gateway");
        assertEquals("http://127.0.0.1:8081,http://127.0.0.1:8091", gateway.get("APPLICANTS_URL"));
        assertEquals("http://127.0.0.1:18082,http://127.0.0.1:18092", gateway.get("MATCHING_URL"));
        assertEquals("http://127.0.0.1:8084,http://127.0.0.1:8094,http://127.0.0.1:8104", gateway.get("SESSIONS_URL"));
    }
}
