package org.mentoring.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The exact variables the services and the gateway read. */
class ServiceEnvironmentTest {

    private final Settings settings = Settings.from(Map.of("SESSIONS_PORT", "9184"));
    private final Supervisor supervisor = new Supervisor(settings);

    private Map<String, String> environmentOf(String module) {
        Settings.ServiceDef service = settings.services.stream().filter(s -> s.module.equals(module)).findFirst()
                .orElseThrow();
        return new TreeMap<>(supervisor.serviceEnvironment(service));
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

    @Test
    void theGatewayAlsoGetsTheServicesUrls() {
        Map<String, String> gateway = environmentOf("gateway");
        assertEquals("8080", gateway.get("QUARKUS_HTTP_PORT"));
        assertEquals("http://127.0.0.1:8081", gateway.get("APPLICANTS_URL"));
        assertEquals("http://127.0.0.1:8082", gateway.get("MATCHING_URL"));
        assertEquals("http://127.0.0.1:8083", gateway.get("AGREEMENTS_URL"));
        assertEquals("http://127.0.0.1:9184", gateway.get("SESSIONS_URL"));
        assertEquals(null, gateway.get("DB_NAME"));
    }
}
