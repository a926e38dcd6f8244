package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.mentoring.deploy.DeployFiles.COMPOSE;

/** deploy/compose: the same services, images, ports and configuration names as the Kubernetes manifests. */
class ComposeFileTest {

    private static final Path FILE = COMPOSE.resolve("compose.yaml");
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private final JsonNode compose = DeployFiles.single(FILE);
    private final JsonNode services = compose.path("services");
    private final Map<String, String> dotEnv = dotEnvExample();

    @Test
    void declaresTheEnginesAndTheSixServices() {
        Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(ServiceModule.MODULES).contains("postgres", "kafka", "keycloak");
        assertSoftly(soft -> services.fields().forEachRemaining(service -> {
            String published = service.getValue().path("ports").toString();
            soft.assertThat(service.getValue().has("ports") && !Set.of("gateway", "keycloak").contains(service.getKey()))
                    .as("%s publishes %s: only the gateway and Keycloak are reachable from outside", service.getKey(), published)
                    .isFalse();
        }));
    }

    @Test
    void everyServiceRunsItsImageOnItsPortWithAHealthcheck() {
        String version = RootPom.projectVersion();
        assertSoftly(soft -> {
            for (ServiceModule module : ServiceModule.all()) {
                JsonNode service = services.path(module.module());
                soft.assertThat(interpolate(service.path("image").asText())).as("image of %s", module.module())
                        .isEqualTo(module.image() + ":" + version);
                Set<Integer> ports = new HashSet<>();
                service.path("expose").forEach(p -> ports.add(Integer.parseInt(p.asText())));
                service.path("ports").forEach(p -> ports.add(Integer.parseInt(interpolate(p.asText()).replaceAll(".*:", ""))));
                soft.assertThat(ports).as("port of %s = quarkus.http.port", module.module()).containsExactly(module.port());
                String healthcheck = service.path("healthcheck").path("test").toString();
                soft.assertThat(healthcheck).as("healthcheck of %s", module.module())
                        .contains("/" + module.port() + " ").contains("/q/health/ready");
                soft.assertThat(service.path("read_only").asBoolean()).as("read-only root of %s", module.module()).isTrue();
                soft.assertThat(service.path("tmpfs").toString()).as("tmpfs of %s", module.module()).contains("\"/tmp\"");
                soft.assertThat(service.path("cap_drop").toString()).as("cap_drop of %s", module.module()).contains("ALL");
                soft.assertThat(service.path("mem_limit").asText()).as("memory limit of %s", module.module()).isNotBlank();
            }
        });
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() {
        assertSoftly(soft -> {
            for (ServiceModule module : ServiceModule.all()) {
                JsonNode environment = services.path(module.module()).path("environment");
                soft.assertThat(environment.isObject()).as("environment of %s is a map", module.module()).isTrue();
                environment.fieldNames().forEachRemaining(name -> soft.assertThat(module.reads(name))
                        .as("compose sets %s for %s, which its configuration does not read (it reads %s)",
                                name, module.module(), module.environment())
                        .isTrue());
            }
        });
    }

    @Test
    void dependenciesWaitForHealthAndConnectionsPointAtTheirServices() {
        Set<String> createdDatabases = new HashSet<>();
        Matcher created = Pattern.compile("(?i)CREATE DATABASE\\s+(\\w+)")
                .matcher(DeployFiles.read(COMPOSE.resolve("postgres-init/create-databases.sql")));
        while (created.find()) {
            createdDatabases.add(created.group(1));
        }
        String keycloakHostname = interpolate(services.path("keycloak").path("environment").path("KC_HOSTNAME").asText());
        assertSoftly(soft -> {
            services.fields().forEachRemaining(service -> service.getValue().path("depends_on").fields().forEachRemaining(dependency -> {
                JsonNode target = services.path(dependency.getKey());
                String condition = dependency.getValue().path("condition").asText();
                soft.assertThat(target.isMissingNode()).as("%s depends on %s, which exists", service.getKey(), dependency.getKey()).isFalse();
                soft.assertThat(condition).as("%s waits for %s", service.getKey(), dependency.getKey())
                        .isIn("service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    soft.assertThat(target.has("healthcheck")).as("%s has a healthcheck", dependency.getKey()).isTrue();
                }
            }));
            soft.assertThat(services.path("gateway").path("environment").toString()).as("the gateway's upstreams")
                    .contains(ServiceModule.gatewayUpstreamVariables());
            for (ServiceModule module : ServiceModule.all()) {
                JsonNode environment = services.path(module.module()).path("environment");
                Map<String, String> env = new HashMap<>();
                environment.fields().forEachRemaining(e -> env.put(e.getKey(), interpolate(e.getValue().asText())));
                if (!module.isGateway()) {
                    soft.assertThat(env.get("DB_NAME")).as("DB_NAME of %s", module.module()).isEqualTo(module.database());
                    soft.assertThat(createdDatabases).as("databases the init script creates").contains(module.database());
                    soft.assertThat(services.has(env.get("DB_HOST"))).as("DB_HOST of %s is a compose service", module.module()).isTrue();
                    String kafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
                    soft.assertThat(services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
                            .as("Kafka advertises %s", kafka).contains("//" + kafka);
                    soft.assertThat(services.path(module.module()).path("depends_on").has("kafka-topics"))
                            .as("%s starts once the topics exist", module.module()).isTrue();
                } else {
                    env.forEach((name, value) -> {
                        if (ServiceModule.gatewayUpstreamVariables().contains(name)) {
                            URI upstream = URI.create(value);
                            soft.assertThat(upstream.getPort()).as("%s of the gateway", name)
                                    .isEqualTo(ServiceModule.named(upstream.getHost()).port());
                            soft.assertThat(services.path("gateway").path("depends_on").has(upstream.getHost()))
                                    .as("the gateway waits for %s", upstream.getHost()).isTrue();
                        }
                    });
                    soft.assertThat(env.get("KEYCLOAK_URL")).as("KEYCLOAK_URL of the gateway").isEqualTo(keycloakHostname);
                }
                if (env.containsKey("PUBLIC_BASE_URL")) {
                    soft.assertThat(env.get("PUBLIC_BASE_URL")).as("PUBLIC_BASE_URL of %s is where callers reach the gateway", module.module())
                            .isEqualTo(interpolate(services.path("gateway").path("environment").path("GATEWAY_PUBLIC_URL").asText()));
                }
                soft.assertThat(env.get("JWT_ISSUER")).as("JWT_ISSUER of %s: Keycloak's hostname + realm", module.module())
                        .isEqualTo(keycloakHostname + "/realms/mentoring");
                URI jwks = URI.create(env.get("JWT_JWKS_URL"));
                soft.assertThat(services.has(jwks.getHost())).as("JWT_JWKS_URL of %s is a compose service", module.module()).isTrue();
                soft.assertThat(services.path(module.module()).path("depends_on").has(jwks.getHost()))
                        .as("%s waits for Keycloak", module.module()).isTrue();
            }
        });
    }

    @Test
    void keycloakImportsTheRealmAndMatchesTheVersionWeBuildAgainst() {
        JsonNode keycloak = services.path("keycloak");
        assertThat(keycloak.path("image").asText()).isEqualTo("quay.io/keycloak/keycloak:" + RootPom.property("keycloak.version"));
        assertThat(keycloak.path("command").toString()).contains("--import-realm");
        String realmMount = null;
        for (JsonNode volume : keycloak.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2 && parts[1].startsWith("/opt/keycloak/data/import/")) {
                realmMount = parts[0];
            }
        }
        assertThat(realmMount).as("the realm mounted into data/import").isNotNull();
        assertThat(COMPOSE.resolve(realmMount).normalize()).isEqualTo(DeployFiles.REALM.normalize());
    }

    @Test
    void createsTheSameTopicsAsTheKubernetesManifests() {
        Set<String> created = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("(?m)^\\s*create\\s+(\\S+)\\s+\\d+\\s+-?\\d+(?:\\s+(?:delete|compact))?\\s*$")
                .matcher(services.path("kafka-topics").path("command").toString().replace("\\n", "\n"));
        while (matcher.find()) {
            created.add(matcher.group(1));
        }
        Set<String> manifests = new LinkedHashSet<>();
        DeployFiles.ofKind(DeployFiles.resources(DeployFiles.K8S.resolve("engines")), "KafkaTopic")
                .forEach(t -> manifests.add(t.spec().path("topicName").asText(t.name())));
        assertThat(created).containsExactlyInAnyOrderElementsOf(manifests);
        assertThat(services.path("kafka").path("environment").path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
    }

    @Test
    void envExampleDefinesEveryVariableTheComposeFileUses() {
        Set<String> used = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(DeployFiles.read(FILE));
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        assertThat(dotEnv.keySet()).containsAll(used);
        assertThat(dotEnv.get("MENTORING_VERSION")).isEqualTo(RootPom.projectVersion());
    }

    /** ${NAME:-default}, ${NAME:?message} and ${NAME} with the values of .env.example. */
    private String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String operator = matcher.group(2);
            String replacement = dotEnv.get(name);
            if (replacement == null || replacement.isEmpty()) {
                if (operator != null && operator.endsWith("-")) {
                    replacement = matcher.group(3);
                } else {
                    throw new AssertionError("compose.yaml needs " + name + ", which .env.example does not set");
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    private static Map<String, String> dotEnvExample() {
        Map<String, String> values = new HashMap<>();
        for (String line : DeployFiles.read(COMPOSE.resolve(".env.example")).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            values.put(trimmed.substring(0, trimmed.indexOf('=')).trim(), trimmed.substring(trimmed.indexOf('=') + 1).trim());
        }
        return values;
    }
}
