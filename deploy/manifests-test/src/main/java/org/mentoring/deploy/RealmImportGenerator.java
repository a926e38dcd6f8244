package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the two {@code KeycloakRealmImport}s from {@code deploy/keycloak/mentoring-realm.json}, the realm the
 * local stack and Docker Compose import:
 * <ul>
 *   <li>{@code deploy/k8s/overlays/dev/keycloak-realm-import.yaml}: that demo realm as it is (demo users, public
 *       client secret, password grant, plain HTTP, localhost);</li>
 *   <li>{@code deploy/k8s/overlays/prod/keycloak-realm-import.yaml}: the same roles, clients, mappers and user
 *       profile, without people and without literal secrets. The operator fills in the {@code mentoring-hr}
 *       secret and the {@code mentoring-web} redirect URI from Secrets ({@code spec.placeholders}).</li>
 * </ul>
 * One realm file, so neither import can drift from it; the manifest test fails when a generated file is stale.
 *
 * <pre>./mvnw -q -pl deploy/manifests-test compile exec:java</pre>
 */
public final class RealmImportGenerator {

    /** The demo realm import of the dev overlay, relative to the {@code deploy} folder. */
    public static final Path DEV_OUTPUT = Path.of("k8s", "overlays", "dev", "keycloak-realm-import.yaml");
    /** The production realm import of the prod overlay, relative to the {@code deploy} folder. */
    public static final Path PROD_OUTPUT = Path.of("k8s", "overlays", "prod", "keycloak-realm-import.yaml");
    /** The realm, relative to the {@code deploy} folder. */
    public static final Path REALM = Path.of("keycloak", "mentoring-realm.json");
    /** The {@code Keycloak} resource of engines/keycloak.yaml. */
    public static final String KEYCLOAK_CR_NAME = "mentoring-keycloak";

    /** Placeholder of the mentoring-hr client secret, and the Secret (name, key) the operator reads it from. */
    public static final String HR_SECRET_PLACEHOLDER = "MENTORING_HR_CLIENT_SECRET";
    public static final String HR_SECRET_NAME = "mentoring-hr-client";
    public static final String HR_SECRET_KEY = "secret";
    /** Placeholder of the mentoring-web redirect URI, and the Secret (name, key) the operator reads it from. */
    public static final String WEB_REDIRECT_PLACEHOLDER = "MENTORING_WEB_REDIRECT_URI";
    public static final String WEB_SECRET_NAME = "mentoring-web-client";
    public static final String WEB_REDIRECT_KEY = "redirect-uri";

    private static final String WEB_CLIENT = "mentoring-web";
    private static final String HR_CLIENT = "mentoring-hr";

    private static final String REGENERATE = """
            # Do not edit: change the realm file, then regenerate with
            #   ./mvnw -q -pl deploy/manifests-test compile exec:java
            # The manifest test fails while this file differs from what the generator writes.
            #
            """;

    private static final String DEV_HEADER = """
            # GENERATED from deploy/keycloak/mentoring-realm.json by RealmImportGenerator (deploy/manifests-test).
            """ + REGENERATE + """
            # The demo realm, for development clusters only: demo users with the password "demo", the public secret
            # of mentoring-hr, the password grant and plain HTTP. The prod overlay imports its own realm.
            """;

    private static final String PROD_HEADER = """
            # GENERATED from deploy/keycloak/mentoring-realm.json by RealmImportGenerator (deploy/manifests-test).
            """ + REGENERATE + """
            # The production realm: the roles, clients, mappers and user profile of the demo realm, but no people
            # (only the service account of mentoring-hr, which carries its role), the password grant off, HTTPS
            # required outside the cluster. The operator fills in ${NAME} from these Secrets, which must exist
            # before the import (README, "Kubernetes"):
            #   mentoring-hr-client   key secret        the client secret of mentoring-hr (HRIS integration)
            #   mentoring-web-client  key redirect-uri  where the web client may return after login, for example
            #                                           https://app.mentoring.example.org/* (web origins follow it)
            # The operator imports the realm once and never overwrites an existing realm: later changes are made
            # in Keycloak. Give the first person platform-admin (assigns programme teams) and program-admin (runs the
            # programmes whose team they are on) in Keycloak or in your identity provider.
            """;

    private RealmImportGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path deploy = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
        write(deploy, DEV_OUTPUT, render(deploy));
        write(deploy, PROD_OUTPUT, renderProduction(deploy));
    }

    private static void write(Path deploy, Path file, String content) throws IOException {
        Path output = deploy.resolve(file);
        Files.writeString(output, content, StandardCharsets.UTF_8);
        System.out.println("Wrote " + deploy.relativize(output) + " from " + REALM);
    }

    /** The demo realm import of the dev overlay, for the realm under {@code deploy}. */
    public static String render(Path deploy) throws IOException {
        ObjectNode resource = realmImport(readRealm(deploy));
        return DEV_HEADER + yaml().writeValueAsString(resource);
    }

    /** The production realm import of the prod overlay, for the realm under {@code deploy}. */
    public static String renderProduction(Path deploy) throws IOException {
        ObjectNode resource = realmImport(productionRealm(readRealm(deploy)));
        ObjectNode placeholders = ((ObjectNode) resource.get("spec")).putObject("placeholders");
        placeholder(placeholders, HR_SECRET_PLACEHOLDER, HR_SECRET_NAME, HR_SECRET_KEY);
        placeholder(placeholders, WEB_REDIRECT_PLACEHOLDER, WEB_SECRET_NAME, WEB_REDIRECT_KEY);
        return PROD_HEADER + yaml().writeValueAsString(resource);
    }

    /**
     * The demo realm made fit for production: no users but service accounts, no demo notice, HTTPS outside the
     * cluster, no password grant, the redirect URI and the hr client secret as placeholders.
     */
    static ObjectNode productionRealm(JsonNode demo) {
        ObjectNode realm = demo.deepCopy();
        realm.put("sslRequired", "external");
        realm.put("registrationAllowed", false);
        ((ObjectNode) realm.path("attributes")).remove("demoNotice");
        if (realm.path("attributes").isEmpty()) {
            realm.remove("attributes");
        }
        ArrayNode users = realm.putArray("users");
        for (JsonNode user : demo.path("users")) {
            if (!user.path("serviceAccountClientId").asText("").isEmpty() && !user.has("credentials")) {
                users.add(user);
            }
        }
        for (JsonNode node : realm.path("clients")) {
            ObjectNode client = (ObjectNode) node;
            client.put("directAccessGrantsEnabled", false);
            client.put("implicitFlowEnabled", false);
            switch (client.path("clientId").asText()) {
                case WEB_CLIENT -> {
                    client.put("description", "Public client for people: authorization code flow with PKCE.");
                    client.putArray("redirectUris").add(placeholder(WEB_REDIRECT_PLACEHOLDER));
                    client.putArray("webOrigins").add("+");
                    ((ObjectNode) client.path("attributes"))
                            .put("post.logout.redirect.uris", placeholder(WEB_REDIRECT_PLACEHOLDER));
                }
                case HR_CLIENT -> {
                    client.put("description", "Confidential machine client (client credentials) with the "
                            + "hr-integration role. Its secret comes from the Secret " + HR_SECRET_NAME + ".");
                    client.put("secret", placeholder(HR_SECRET_PLACEHOLDER));
                }
                default -> {
                    if (client.has("secret")) {
                        throw new IllegalStateException("No placeholder for the secret of client "
                                + client.path("clientId").asText());
                    }
                }
            }
        }
        return realm;
    }

    private static String placeholder(String name) {
        return "${" + name + "}";
    }

    private static void placeholder(ObjectNode placeholders, String name, String secret, String key) {
        ObjectNode ref = placeholders.putObject(name).putObject("secret");
        ref.put("name", secret);
        ref.put("key", key);
    }

    private static JsonNode readRealm(Path deploy) throws IOException {
        return new ObjectMapper().readTree(deploy.resolve(REALM).toFile());
    }

    private static ObjectNode realmImport(JsonNode realm) {
        ObjectNode resource = new ObjectMapper().createObjectNode();
        resource.put("apiVersion", "k8s.keycloak.org/v2beta1");
        resource.put("kind", "KeycloakRealmImport");
        ObjectNode metadata = resource.putObject("metadata");
        metadata.put("name", "mentoring-realm");
        metadata.putObject("labels").put("app.kubernetes.io/part-of", "mentoring");
        ObjectNode spec = resource.putObject("spec");
        spec.put("keycloakCRName", KEYCLOAK_CR_NAME);
        spec.set("realm", realm);
        return resource;
    }

    private static ObjectMapper yaml() {
        return new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .build());
    }
}
