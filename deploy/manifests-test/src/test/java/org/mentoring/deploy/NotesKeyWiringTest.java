package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mentoring.deploy.DeployFiles.Doc;

import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The key of sessions-service's private notes is wired the same way everywhere: NOTES_KEY_ID names the key NOTES_KEY holds
 * (the service registers the key under that id and has no key of its own to fall back on), NOTES_KEYS carries older keys
 * after a rotation; compose takes them from .env, Kubernetes from the Secret {@code mentoring-notes-key}
 * ({@code id}, {@code key}, optional {@code older-keys}); no other service sees them.
 */
class NotesKeyWiringTest {

    private static final Map<String, String> SECRET_KEYS = Map.of("NOTES_KEY_ID", "id", "NOTES_KEY", "key", "NOTES_KEYS", "older-keys");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,50}");

    @Test
    void theServiceRegistersTheKeyUnderTheIdItIsGivenAndHasNoDefaultKey() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : DeployFiles.read(DeployFiles.REPO.resolve("sessions-service/src/main/resources/application.properties")).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("#") && trimmed.contains("=") && !trimmed.startsWith("%")) {
                properties.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
            }
        }
        Map<String, String> fedBy = new HashMap<>();
        properties.forEach((name, value) -> {
            Matcher reference = Pattern.compile("\\$\\{(NOTES_[A-Z_]*)(:([^}]*))?}").matcher(value);
            while (reference.find()) {
                fedBy.put(reference.group(1), name);
                assertThat(reference.group(3)).as("default of %s in %s: no built-in key or key id", reference.group(1), name)
                        .isNullOrEmpty();
            }
        });
        assertThat(fedBy).as("the properties NOTES_* set").containsOnlyKeys(SECRET_KEYS.keySet());
        assertThat(fedBy.get("NOTES_KEY")).as("NOTES_KEY is the key of whatever id NOTES_KEY_ID names, not of a fixed id")
                .doesNotStartWith("mentoring.notes.keys.");
        assertThat(fedBy.get("NOTES_KEY_ID")).isNotEqualTo(fedBy.get("NOTES_KEY"));
    }

    @Test
    void composeTakesKeyIdKeyAndOlderKeysFromDotEnv() {
        JsonNode services = DeployFiles.single(DeployFiles.COMPOSE.resolve("compose.yaml")).path("services");
        assertSoftly(soft -> services.fields().forEachRemaining(service -> service.getValue().path("environment").fieldNames()
                .forEachRemaining(name -> {
                    if (name.startsWith("NOTES_")) {
                        soft.assertThat(service.getKey()).as("compose gives %s to", name).isEqualTo("sessions-service");
                    }
                })));
        JsonNode environment = services.path("sessions-service").path("environment");
        assertThat(environment.path("NOTES_KEY_ID").asText()).startsWith("${NOTES_KEY_ID:?");
        assertThat(environment.path("NOTES_KEY").asText()).startsWith("${NOTES_KEY:?");
        assertThat(environment.path("NOTES_KEYS").asText()).isEqualTo("${NOTES_KEYS:-}");

        Map<String, String> dotEnv = new HashMap<>();
        for (String line : DeployFiles.read(DeployFiles.COMPOSE.resolve(".env.example")).split("\n")) {
            if (!line.trim().startsWith("#") && line.contains("=")) {
                dotEnv.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
            }
        }
        assertKeyPair("deploy/compose/.env.example", dotEnv.get("NOTES_KEY_ID"), dotEnv.get("NOTES_KEY"));
    }

    @Test
    void kubernetesTakesThemFromTheNotesKeySecretWhichTheDevOverlayGenerates() {
        Map<String, JsonNode> env = new HashMap<>();
        for (Doc deployment : DeployFiles.ofKind(DeployFiles.resources(DeployFiles.K8S.resolve("base")), "Deployment")) {
            for (JsonNode variable : deployment.spec().path("template").path("spec").path("containers").path(0).path("env")) {
                String name = variable.path("name").asText();
                if (name.startsWith("NOTES_")) {
                    assertThat(deployment.name()).as("the Deployment that gets %s", name).isEqualTo("sessions-service");
                    env.put(name, variable);
                }
            }
        }
        assertThat(env).containsOnlyKeys(SECRET_KEYS.keySet());
        SECRET_KEYS.forEach((name, key) -> {
            JsonNode secret = env.get(name).at("/valueFrom/secretKeyRef");
            assertThat(secret.path("name").asText()).as("Secret of %s", name).isEqualTo("mentoring-notes-key");
            assertThat(secret.path("key").asText()).as("Secret key of %s", name).isEqualTo(key);
            assertThat(secret.path("optional").asBoolean(false)).as("%s optional", name).isEqualTo(name.equals("NOTES_KEYS"));
        });

        Map<String, String> generated = new HashMap<>();
        for (JsonNode generator : DeployFiles.single(DeployFiles.K8S.resolve("overlays/dev/kustomization.yaml")).path("secretGenerator")) {
            if (generator.path("name").asText().equals("mentoring-notes-key")) {
                generator.path("literals").forEach(l -> generated.put(l.asText().substring(0, l.asText().indexOf('=')),
                        l.asText().substring(l.asText().indexOf('=') + 1)));
            }
        }
        assertKeyPair("the dev overlay's mentoring-notes-key", generated.get("id"), generated.get("key"));
    }

    private static void assertKeyPair(String where, String id, String key) {
        assertThat(id).as("key id in %s", where).matches(KEY_ID);
        assertThat(Base64.getDecoder().decode(key)).as("key in %s: base64 of 32 bytes", where).hasSize(32);
    }
}
