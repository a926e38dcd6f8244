package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mentoring.deploy.DeployFiles.Doc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.mentoring.deploy.DeployFiles.K8S;
import static org.mentoring.deploy.DeployFiles.documents;
import static org.mentoring.deploy.DeployFiles.ofKind;

/**
 * What {@code kubectl apply -k deploy/k8s/overlays/prod} would send to a cluster holds no credential and no
 * person: every password, client secret and key comes from a Secret the operator creates, and the realm it
 * imports has no users and none of the demo realm's shortcuts (password grant, plain HTTP, localhost).
 */
class ProductionOverlayTest {

    private static final Path PROD = K8S.resolve("overlays/prod");
    /** A value the Keycloak operator fills in from a Secret (spec.placeholders). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    /** Fields whose scalar value is a credential. */
    private static final Pattern CREDENTIAL_FIELD = Pattern.compile(
            "(?i)password|passwd|secret|client[-_]?secret|private[-_]?key|api[-_]?key|token");
    /** Keys of ConfigMaps and names of environment variables that hold a credential. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|private[-_]?key|api[-_]?key|credential).*");

    private final List<Doc> prod = prodDocuments();
    private final JsonNode kustomization = DeployFiles.single(PROD.resolve("kustomization.yaml"));

    @Test
    void prodHoldsNoLiteralPasswordSecretOrKey() {
        assertThat(prod).as("resources and patches of the prod overlay").isNotEmpty();
        assertSoftly(soft -> {
            for (String generator : List.of("secretGenerator", "configMapGenerator")) {
                for (JsonNode entry : kustomization.path(generator)) {
                    boolean credential = generator.equals("secretGenerator");
                    for (JsonNode literal : entry.path("literals")) {
                        String key = literal.asText().replaceAll("=.*", "");
                        credential |= CREDENTIAL_NAME.matcher(key).matches();
                    }
                    soft.assertThat(credential)
                            .as("overlays/prod/kustomization.yaml generates %s %s from values in the repository: "
                                    + "create that Secret in the cluster instead", generator, entry.path("name").asText())
                            .isFalse();
                }
            }
            for (Doc doc : prod) {
                if (doc.kind().equals("Secret")) {
                    soft.assertThat(doc.node().has("data") || doc.node().has("stringData"))
                            .as("%s carries its values: create it in the cluster instead", doc.where()).isFalse();
                }
                if (doc.kind().equals("ConfigMap")) {
                    doc.node().path("data").fieldNames().forEachRemaining(key -> soft.assertThat(
                                    CREDENTIAL_NAME.matcher(key).matches())
                            .as("%s holds %s: a credential belongs in a Secret", doc.where(), key).isFalse());
                }
                for (JsonNode env : doc.node().findValues("env")) {
                    for (JsonNode variable : env) {
                        soft.assertThat(variable.has("value") && CREDENTIAL_NAME.matcher(variable.path("name").asText()).matches())
                                .as("%s sets %s literally: take it from a Secret (valueFrom.secretKeyRef)",
                                        doc.where(), variable.path("name").asText()).isFalse();
                    }
                }
                List<String> found = new ArrayList<>();
                literalCredentials(doc.node(), "", found);
                soft.assertThat(found).as("literal credentials in %s", doc.where()).isEmpty();
            }
        });
    }

    @Test
    void prodImportsNoUserAndNoDemoName() {
        Set<String> demoNames = demoUserNames();
        assertThat(demoNames).as("people of the demo realm").contains("ada.admin");
        assertSoftly(soft -> {
            for (Doc doc : prod) {
                for (JsonNode users : doc.node().findValues("users")) {
                    for (JsonNode user : users) {
                        soft.assertThat(isServiceAccount(user))
                                .as("%s imports the user %s: production people come from the identity provider or "
                                        + "are created in Keycloak", doc.where(), user.path("username").asText())
                                .isTrue();
                    }
                }
                String text = doc.node().toString();
                for (String name : demoNames) {
                    soft.assertThat(text).as("%s names the demo user %s", doc.where(), name).doesNotContain(name);
                }
            }
        });
    }

    @Test
    void prodRealmIsSafeAndTakesItsSecretsFromKubernetes() {
        List<Doc> imports = ofKind(prod, "KeycloakRealmImport");
        assertThat(imports).as("the prod overlay imports one realm").hasSize(1);
        Doc realmImport = imports.get(0);
        JsonNode realm = realmImport.spec().path("realm");
        assertSoftly(soft -> {
            soft.assertThat(realm.path("sslRequired").asText()).as("sslRequired of %s", realmImport.where())
                    .isIn("external", "all");
            soft.assertThat(realm.path("registrationAllowed").asBoolean(true)).as("self-registration").isFalse();
            for (JsonNode client : realm.path("clients")) {
                String id = client.path("clientId").asText();
                soft.assertThat(client.path("directAccessGrantsEnabled").asBoolean(true))
                        .as("password grant (directAccessGrantsEnabled) of %s", id).isFalse();
                soft.assertThat(client.path("implicitFlowEnabled").asBoolean(false)).as("implicit flow of %s", id).isFalse();
                List<String> uris = new ArrayList<>();
                client.path("redirectUris").forEach(u -> uris.add(u.asText()));
                client.path("webOrigins").forEach(u -> uris.add(u.asText()));
                uris.add(client.path("rootUrl").asText(""));
                uris.add(client.path("attributes").path("post.logout.redirect.uris").asText(""));
                for (String uri : uris) {
                    soft.assertThat(uri).as("redirect URIs and origins of %s", id)
                            .doesNotContainIgnoringCase("localhost").doesNotContain("127.0.0.1")
                            .doesNotStartWith("http:").isNotEqualTo("*");
                }
                if (client.path("publicClient").asBoolean(false)) {
                    soft.assertThat(client.path("redirectUris")).as("redirect URIs of the public client %s", id).isNotEmpty();
                } else if (client.path("clientAuthenticatorType").asText("client-secret").equals("client-secret")) {
                    soft.assertThat(client.path("secret").asText()).as("secret of the confidential client %s", id)
                            .matches(PLACEHOLDER);
                }
            }

            // Every ${NAME} in the realm is filled in from a Secret, and every placeholder is used.
            Set<String> used = new TreeSet<>();
            Matcher matcher = PLACEHOLDER.matcher(realm.toString());
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
            JsonNode placeholders = realmImport.spec().path("placeholders");
            soft.assertThat(fieldNames(placeholders)).as("spec.placeholders of %s", realmImport.where())
                    .containsExactlyInAnyOrderElementsOf(used);
            placeholders.fields().forEachRemaining(p -> {
                soft.assertThat(p.getValue().at("/secret/name").asText()).as("Secret of placeholder %s", p.getKey()).isNotBlank();
                soft.assertThat(p.getValue().at("/secret/key").asText()).as("key of placeholder %s", p.getKey()).isNotBlank();
            });
        });
    }

    @Test
    void prodRealmHasTheRolesClientsAndMappersOfTheDemoRealm() throws Exception {
        JsonNode demo = DeployFiles.JSON.readTree(DeployFiles.REALM.toFile());
        JsonNode realm = ofKind(prod, "KeycloakRealmImport").get(0).spec().path("realm");
        assertSoftly(soft -> {
            soft.assertThat(realm.path("realm").asText()).isEqualTo(demo.path("realm").asText());
            soft.assertThat(realm.path("roles")).as("realm roles").isEqualTo(demo.path("roles"));
            soft.assertThat(realm.path("components")).as("components (user profile)").isEqualTo(demo.path("components"));
            soft.assertThat(clientIds(realm)).as("clients").containsExactlyElementsOf(clientIds(demo));
            for (JsonNode client : demo.path("clients")) {
                JsonNode prodClient = client(realm, client.path("clientId").asText());
                for (String field : List.of("protocolMappers", "publicClient", "standardFlowEnabled",
                        "serviceAccountsEnabled", "defaultClientScopes", "optionalClientScopes", "fullScopeAllowed")) {
                    soft.assertThat(prodClient.path(field)).as("%s of %s", field, client.path("clientId").asText())
                            .isEqualTo(client.path(field));
                }
            }
            // The HR client's service account keeps its role.
            for (JsonNode user : demo.path("users")) {
                if (isServiceAccount(user)) {
                    soft.assertThat(realm.path("users")).as("service accounts").contains(user);
                }
            }
        });
    }

    // ---- helpers

    /** The resources of the prod overlay (with base and engines) and the documents of its patches. */
    private static List<Doc> prodDocuments() {
        List<Doc> docs = new ArrayList<>(DeployFiles.resources(PROD));
        JsonNode kustomization = DeployFiles.single(PROD.resolve("kustomization.yaml"));
        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.has("path")) {
                docs.addAll(documents(PROD.resolve(patch.path("path").asText())));
            }
        }
        kustomization.path("patchesStrategicMerge").forEach(p -> docs.addAll(documents(PROD.resolve(p.asText()))));
        return docs;
    }

    /**
     * A client's service account: Keycloak gives a client's roles to it only through such an entry. It has no
     * credentials, cannot log in, and is named after its client.
     */
    private static boolean isServiceAccount(JsonNode user) {
        String client = user.path("serviceAccountClientId").asText("");
        return !client.isEmpty()
                && user.path("username").asText().equals("service-account-" + client)
                && !user.has("credentials") && !user.has("email") && !user.has("federatedIdentities");
    }

    /** The people of the demo realm: their user names, e-mail addresses and e-mail local parts. */
    private static Set<String> demoUserNames() {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (JsonNode user : DeployFiles.JSON.readTree(DeployFiles.REALM.toFile()).path("users")) {
                if (isServiceAccount(user)) {
                    continue;
                }
                names.add(user.path("username").asText());
                if (user.hasNonNull("email")) {
                    names.add(user.path("email").asText());
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    /** Scalars under credential-named fields (and credentials[].value) that are not a ${PLACEHOLDER}, and keys. */
    private static void literalCredentials(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path + "/" + field.getKey();
                JsonNode value = field.getValue();
                boolean credentialField = CREDENTIAL_FIELD.matcher(field.getKey()).matches()
                        || field.getKey().equals("value") && path.matches(".*/credentials/\\d+");
                if (credentialField && value.isValueNode() && !value.isNull() && !value.asText().isEmpty()
                        && !PLACEHOLDER.matcher(value.asText()).matches()) {
                    found.add(at + " = " + value.asText());
                }
                literalCredentials(value, at, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                literalCredentials(node.get(i), path + "/" + i, found);
            }
        } else if (node.isTextual() && node.asText().contains("-----BEGIN")) {
            found.add(path + ": a PEM block (private key or certificate)");
        }
    }

    private static List<String> clientIds(JsonNode realm) {
        List<String> ids = new ArrayList<>();
        realm.path("clients").forEach(c -> ids.add(c.path("clientId").asText()));
        return ids;
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        return DeployFiles.JSON.missingNode();
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
