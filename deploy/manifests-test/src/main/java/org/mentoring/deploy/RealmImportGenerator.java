package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code deploy/k8s/engines/keycloak-realm-import.yaml}: a {@code KeycloakRealmImport} whose
 * {@code spec.realm} is {@code deploy/keycloak/mentoring-realm.json}, the realm the local stack and Docker
 * Compose import. One realm file, so Kubernetes cannot drift from it; the manifest test fails when the
 * generated file is stale.
 *
 * <pre>./mvnw -q -pl deploy/manifests-test compile exec:java</pre>
 */
public final class RealmImportGenerator {

    /** The generated file, relative to the {@code deploy} folder. */
    public static final Path OUTPUT = Path.of("k8s", "engines", "keycloak-realm-import.yaml");
    /** The realm, relative to the {@code deploy} folder. */
    public static final Path REALM = Path.of("keycloak", "mentoring-realm.json");
    /** The {@code Keycloak} resource of engines/keycloak.yaml. */
    public static final String KEYCLOAK_CR_NAME = "mentoring-keycloak";

    private static final String HEADER = """
            # GENERATED from deploy/keycloak/mentoring-realm.json by RealmImportGenerator (deploy/manifests-test).
            # Do not edit: change the realm file, then regenerate with
            #   ./mvnw -q -pl deploy/manifests-test compile exec:java
            # The manifest test fails while this file differs from what the generator writes.
            #
            # The operator imports the realm once (it never overwrites an existing realm). The realm carries the
            # demo users and the demo secret of the mentoring-hr client: in production remove the demo users and
            # rotate that secret after the import (README, "Deploying to Kubernetes").
            """;

    private RealmImportGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path deploy = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
        Path output = deploy.resolve(OUTPUT);
        Files.writeString(output, render(deploy), StandardCharsets.UTF_8);
        System.out.println("Wrote " + deploy.relativize(output) + " from " + REALM);
    }

    /** The content of the generated file for the realm under {@code deploy}. */
    public static String render(Path deploy) throws IOException {
        JsonNode realm = new ObjectMapper().readTree(deploy.resolve(REALM).toFile());
        ObjectMapper yaml = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .build());
        ObjectNode resource = yaml.createObjectNode();
        resource.put("apiVersion", "k8s.keycloak.org/v2beta1");
        resource.put("kind", "KeycloakRealmImport");
        ObjectNode metadata = resource.putObject("metadata");
        metadata.put("name", "mentoring-realm");
        metadata.putObject("labels").put("app.kubernetes.io/part-of", "mentoring");
        ObjectNode spec = resource.putObject("spec");
        spec.put("keycloakCRName", KEYCLOAK_CR_NAME);
        spec.set("realm", realm);
        return HEADER + yaml.writeValueAsString(resource);
    }
}
