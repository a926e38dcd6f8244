package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mentoring.deploy.DeployFiles.Doc;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.mentoring.deploy.DeployFiles.K8S;

/**
 * A service started in the prod profile (every packaged service, the local stack's too) has no credential it was not
 * given: each password, secret and key property resolves, in that profile, only from the environment, with no
 * default to fall back on, so a forgotten Secret stops the service instead of letting it run on a value that is in
 * this repository. And every deployment gives each service the credentials it needs.
 */
class ProductionCredentialsTest {

    /** Properties that are credentials by their name (its end: allow-credentials is not one). */
    private static final Pattern CREDENTIAL_PROPERTY = Pattern.compile(
            "(?i).*(password|passwd|secret|private[-.]?key|api[-.]?key|jaas\\.config)");
    /** Environment variables that carry a credential (a key id is a name, not a secret). */
    private static final Pattern CREDENTIAL_VARIABLE = Pattern.compile("[A-Z0-9_]*(PASSWORD|PASSWD|SECRET|_KEY|_KEYS)");
    /** The name in a reference {@code ${NAME...}}. */
    private static final Pattern NAME = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)");
    /** An innermost reference: {@code ${NAME}} or {@code ${NAME:default}} whose default holds no reference. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::((?:(?!\\$\\{)[^}])*))?}");

    @Test
    void noCredentialHasADefaultInTheProdProfile() {
        assertSoftly(soft -> {
            for (ServiceModule module : ServiceModule.all()) {
                Map<String, String> prod = prodProperties(module.module());
                Map<String, String> credentials = credentialProperties(prod);
                if (!module.isGateway()) {
                    soft.assertThat(credentials.keySet()).as("credential properties of %s", module.module())
                            .contains("quarkus.datasource.password");
                }
                credentials.forEach((key, value) -> soft.assertThat(withoutEnvironment(value, prod))
                        .as("%s: %s = %s resolves without the environment (prod profile)", module.module(), key, value)
                        .isEmpty());
            }
        });
    }

    @Test
    void everyDeploymentPassesTheCredentialsTheServicesNeed() {
        List<Doc> base = DeployFiles.resources(K8S.resolve("base"));
        JsonNode compose = DeployFiles.single(DeployFiles.COMPOSE.resolve("compose.yaml"));
        assertSoftly(soft -> {
            for (ServiceModule module : ServiceModule.all()) {
                Set<String> needed = credentialVariables(module.module());
                if (needed.isEmpty()) {
                    continue;
                }
                Doc deployment = DeployFiles.named(base, "Deployment", module.module());
                Set<String> fromSecrets = new TreeSet<>();
                for (JsonNode env : deployment.node().findValues("env")) {
                    env.forEach(v -> {
                        if (v.at("/valueFrom/secretKeyRef/name").isTextual()) {
                            fromSecrets.add(v.path("name").asText());
                        }
                    });
                }
                soft.assertThat(fromSecrets).as("credentials %s takes from Secrets", deployment.where()).containsAll(needed);
                Set<String> composeEnv = new TreeSet<>();
                compose.path("services").path(module.module()).path("environment").fieldNames()
                        .forEachRemaining(composeEnv::add);
                soft.assertThat(composeEnv).as("environment of %s in compose.yaml", module.module()).containsAll(needed);
            }
        });
    }

    @Test
    void theCheckSeesADefaultWhereThereIsOne() {
        Map<String, String> prod = Map.of("a", "${DB_PASSWORD}", "b", "${DB_PASSWORD:postgres}", "c", "${X:${Y:z}}",
                "d", "${NOTES_KEY:}", "e", "literal", "f", "${a}", "g", "${b}");
        assertThat(withoutEnvironment(prod.get("a"), prod)).isEmpty();
        assertThat(withoutEnvironment(prod.get("b"), prod)).isEqualTo("postgres");
        assertThat(withoutEnvironment(prod.get("c"), prod)).isEqualTo("z");
        assertThat(withoutEnvironment(prod.get("d"), prod)).isEmpty();
        assertThat(withoutEnvironment(prod.get("e"), prod)).isEqualTo("literal");
        assertThat(withoutEnvironment(prod.get("f"), prod)).isEmpty();
        assertThat(withoutEnvironment(prod.get("g"), prod)).isEqualTo("postgres");
        assertThat(credentialProperties(Map.of("mentoring.notes.key", "${NOTES_KEY:}", "mentoring.notes.key-id",
                "${NOTES_KEY_ID:local}", "quarkus.datasource.password", "x"))).containsOnlyKeys(
                "mentoring.notes.key", "quarkus.datasource.password");
    }

    /**
     * The properties as the prod profile sees them: a module's own file over the platform's shared defaults, and a
     * {@code %prod.} property over the plain one; other profiles' properties left out.
     */
    static Map<String, String> prodProperties(String module) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> profiled = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        Path platform = DeployFiles.REPO.resolve("platform/src/main/resources/META-INF/microprofile-config.properties");
        if (!module.equals("gateway")) {
            files.add(platform);
        }
        files.add(DeployFiles.REPO.resolve(module).resolve("src/main/resources/application.properties"));
        for (Path file : files) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("%prod.")) {
                    profiled.put(key.substring("%prod.".length()), properties.getProperty(key));
                } else if (!key.startsWith("%")) {
                    plain.put(key, properties.getProperty(key));
                }
            }
        }
        plain.putAll(profiled);
        return plain;
    }

    /** Properties that are a credential by name, or that read a credential variable. */
    static Map<String, String> credentialProperties(Map<String, String> properties) {
        Map<String, String> found = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            boolean credential = CREDENTIAL_PROPERTY.matcher(key).matches();
            Matcher reference = NAME.matcher(value);
            while (reference.find()) {
                credential |= CREDENTIAL_VARIABLE.matcher(reference.group(1)).matches();
            }
            if (credential) {
                found.put(key, value);
            }
        });
        return found;
    }

    /** The credential variables a module reads in the prod profile. */
    private static Set<String> credentialVariables(String module) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : credentialProperties(prodProperties(module)).values()) {
            Matcher reference = NAME.matcher(value);
            while (reference.find()) {
                if (CREDENTIAL_VARIABLE.matcher(reference.group(1)).matches()) {
                    names.add(reference.group(1));
                }
            }
        }
        return names;
    }

    /**
     * What a value resolves to with an empty environment: references to other properties are followed,
     * environment variables are absent, and a default applies when one is given. Empty means no value.
     */
    static String withoutEnvironment(String value, Map<String, String> properties) {
        return resolve(value, properties, 0);
    }

    private static String resolve(String value, Map<String, String> properties, int depth) {
        if (depth > 10) {
            throw new IllegalStateException("references nest too deep: " + value);
        }
        // Innermost references first, so that a default holding a reference is resolved before its outer one.
        Matcher reference = REFERENCE.matcher(value);
        if (!reference.find()) {
            return value;
        }
        String name = reference.group(1);
        String replacement;
        if (properties.containsKey(name)) {
            replacement = resolve(properties.get(name), properties, depth + 1);
        } else {
            replacement = reference.group(2) == null ? "" : resolve(reference.group(2), properties, depth + 1);
        }
        return resolve(value.substring(0, reference.start()) + replacement + value.substring(reference.end()),
                properties, depth + 1);
    }
}
