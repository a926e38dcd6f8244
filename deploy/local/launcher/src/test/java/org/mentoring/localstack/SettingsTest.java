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
        assertEquals(List.of(15432, 9092, 9093, 8180, 8081, 8082, 8083, 8084, 8080),
                settings.portsToUse().stream().map(p -> p.port).collect(Collectors.toList()));
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
                "MENTORING_SERVICES", ""));
        assertTrue(settings.externalPostgres);
        assertEquals(5432, settings.dbPort);
        assertEquals("app", settings.dbUser);
        assertTrue(settings.externalKafka);
        assertEquals("kafka:9092", settings.kafkaBootstrap);
        assertTrue(settings.externalKeycloak);
        assertEquals("https://sso.example.org/realms/mentoring", settings.realmUrl());
        assertTrue(settings.portsToUse().isEmpty());
    }
}
