package org.mentoring.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static List<String> modules(Settings settings) {
        return settings.services.stream().map(s -> s.module).collect(Collectors.toList());
    }

    @Test
    void defaultsStartEverythingEmbedded() {
        Settings settings = Settings.from(Map.of());
        assertEquals(settings.repo.resolve(".local"), settings.home);
        assertEquals(Settings.ALL_SERVICES, modules(settings));
        assertFalse(settings.externalPostgres);
        assertFalse(settings.externalKafka);
        assertFalse(settings.externalKeycloak);
        assertEquals(15432, settings.dbPort);
        assertEquals("127.0.0.1:9092", settings.kafkaBootstrap);
        assertEquals("http://localhost:8180/realms/mentoring", settings.realmUrl());
        assertEquals(List.of(15432, 9092, 9093, 8180, 3025, 8025, 8081, 8082, 8083, 8084, 8085, 8080),
                settings.portsToUse().stream().map(p -> p.port).collect(Collectors.toList()));
        assertFalse(settings.externalSmtp);
        assertEquals("http://127.0.0.1:8025/mails", settings.mailsUrl());
        assertEquals(List.of("applicants", "matching", "agreements", "sessions", "notifications"),
                settings.services.stream().map(s -> s.database).filter(d -> d != null).collect(Collectors.toList()));
        assertEquals(Settings.DATABASES,
                settings.services.stream().map(s -> s.database).filter(d -> d != null).collect(Collectors.toList()));
        assertFalse(settings.keycloakVersion.contains("${"), settings.keycloakVersion);
    }

    @Test
    void anEmptyServiceListMeansInfrastructureOnly() {
        assertTrue(Settings.from(Map.of("MENTORING_SERVICES", "")).services.isEmpty());
        assertEquals(List.of("applicants-service", "gateway"),
                modules(Settings.from(Map.of("MENTORING_SERVICES", " gateway, applicants "))));
        LauncherException unknown = assertThrows(LauncherException.class,
                () -> Settings.from(Map.of("MENTORING_SERVICES", "billing")));
        assertTrue(unknown.getMessage().contains("'billing'"), unknown.getMessage());
    }

    @Test
    void replicasGetNamesAndPortsOfTheirOwnAndTheGatewayStaysOne() {
        Settings settings = Settings.from(Map.of("MENTORING_REPLICAS", "2", "AGREEMENTS_REPLICAS", "1",
                "KAFKA_PARTITIONS", "8"));
        assertEquals(List.of("applicants-service-1", "applicants-service-2", "matching-service-1",
                        "matching-service-2", "agreements-service", "sessions-service-1", "sessions-service-2",
                        "notifications-service-1", "notifications-service-2", "gateway"),
                settings.instances().stream().map(r -> r.name).collect(Collectors.toList()));
        assertEquals(List.of(15432, 9092, 9093, 8180, 3025, 8025, 8081, 8091, 8082, 8092, 8083, 8084, 8094, 8085,
                        8095, 8080),
                settings.portsToUse().stream().map(p -> p.port).collect(Collectors.toList()));
        assertEquals(8, settings.kafkaPartitions);
        assertEquals(4, Settings.from(Map.of()).kafkaPartitions);
        assertEquals(settings.home.resolve("pids").resolve("matching-service-2.pid"),
                settings.pidFile("matching-service-2"));

        LauncherException tooMany = assertThrows(LauncherException.class,
                () -> Settings.from(Map.of("MENTORING_REPLICAS", "10")));
        assertEquals("MENTORING_REPLICAS must be a number from 1 to 9, not '10'.", tooMany.getMessage());
        assertThrows(LauncherException.class, () -> Settings.from(Map.of("MATCHING_REPLICAS", "0")));
    }

    @Test
    void aRelativeHomeIsRelativeToTheCurrentDirectory() {
        Settings settings = Settings.from(Map.of("MENTORING_HOME", "some/where"));
        assertEquals(Paths.get("some/where").toAbsolutePath().normalize(), settings.home);
        assertEquals(settings.home.resolve("logs").resolve("stack.log"), settings.stackLog());
    }

    @Test
    void portsAreChecked() {
        LauncherException bad = assertThrows(LauncherException.class,
                () -> Settings.from(Map.of("KEYCLOAK_PORT", "80a")));
        assertEquals("KEYCLOAK_PORT must be a port number (1-65535), not '80a'.", bad.getMessage());
        assertThrows(LauncherException.class, () -> Settings.from(Map.of("GATEWAY_PORT", "70000")));
        assertEquals(9999, Settings.from(Map.of("GATEWAY_PORT", "9999")).gatewayPort);
    }

    @Test
    void externalServersAreNotStartedAndTheirPortsNotChecked() {
        Settings settings = Settings.from(Map.of(
                "DB_HOST", "db.internal", "DB_USER", "app", "DB_PASSWORD", "secret",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "KEYCLOAK_URL", "https://sso.example.org/",
                "QUARKUS_MAILER_HOST", "smtp.example.org",
                "MENTORING_SERVICES", ""));
        assertTrue(settings.externalPostgres);
        assertEquals(5432, settings.dbPort);
        assertEquals("app", settings.dbUser);
        assertTrue(settings.externalKafka);
        assertEquals("kafka:9092", settings.kafkaBootstrap);
        assertTrue(settings.externalKeycloak);
        assertEquals("https://sso.example.org/realms/mentoring", settings.realmUrl());
        assertTrue(settings.externalSmtp);
        assertTrue(settings.portsToUse().isEmpty());
    }

    @Test
    void theMailServerHasPortsOfItsOwnUnlessAnExternalOneIsNamed() {
        Settings moved = Settings.from(Map.of("SMTP_PORT", "13025", "MAILS_PORT", "18025", "NOTIFICATIONS_PORT", "18085",
                "MENTORING_SERVICES", "notifications"));
        assertEquals(List.of("notifications-service"), modules(moved));
        assertEquals(List.of(15432, 9092, 9093, 8180, 13025, 18025, 18085),
                moved.portsToUse().stream().map(p -> p.port).collect(Collectors.toList()));
        assertEquals("http://127.0.0.1:18025/mails", moved.mailsUrl());
        LauncherException bad = assertThrows(LauncherException.class,
                () -> Settings.from(Map.of("SMTP_PORT", "smtp")));
        assertEquals("SMTP_PORT must be a port number (1-65535), not 'smtp'.", bad.getMessage());

        Settings external = Settings.from(Map.of("QUARKUS_MAILER_HOST", "smtp.example.org",
                "MENTORING_SERVICES", ""));
        assertTrue(external.externalSmtp);
        assertEquals(List.of(15432, 9092, 9093, 8180),
                external.portsToUse().stream().map(p -> p.port).collect(Collectors.toList()));
    }

    @Test
    void anExternalDatabaseNeedsItsPassword() {
        // The services run in the prod profile, where the login has no default.
        LauncherException missing = assertThrows(LauncherException.class,
                () -> Settings.from(Map.of("DB_HOST", "db.internal", "DB_USER", "app")));
        assertEquals("DB_PASSWORD is required with an external PostgreSQL (DB_HOST is set).", missing.getMessage());
        assertEquals("secret", Settings.from(Map.of("DB_HOST", "db.internal", "DB_PASSWORD", "secret")).dbPassword);
    }
}
