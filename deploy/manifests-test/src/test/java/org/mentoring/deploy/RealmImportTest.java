package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mentoring.deploy.DeployFiles.DEPLOY;

/** The KeycloakRealmImport carries exactly the realm of deploy/keycloak, as generated. */
class RealmImportTest {

    private static final Path GENERATED = DEPLOY.resolve(RealmImportGenerator.OUTPUT);

    @Test
    void realmImportHoldsTheRealmOfDeployKeycloak() throws Exception {
        JsonNode realmImport = DeployFiles.single(GENERATED);
        JsonNode realm = DeployFiles.JSON.readTree(DeployFiles.REALM.toFile());

        assertThat(realmImport.path("kind").asText()).isEqualTo("KeycloakRealmImport");
        assertThat(realmImport.path("spec").path("realm"))
                .as("spec.realm of %s equals %s", RealmImportGenerator.OUTPUT, RealmImportGenerator.REALM)
                .isEqualTo(realm);
    }

    @Test
    void realmImportIsTheGeneratorsOutputAndNamesOurKeycloak() throws Exception {
        assertThat(DeployFiles.read(GENERATED))
                .as("%s is stale or edited by hand: run ./mvnw -q -pl deploy/manifests-test compile exec:java",
                        RealmImportGenerator.OUTPUT)
                .isEqualTo(RealmImportGenerator.render(DEPLOY))
                .startsWith("# GENERATED");
        List<DeployFiles.Doc> keycloaks = DeployFiles.ofKind(DeployFiles.resources(DEPLOY.resolve("k8s/engines")), "Keycloak");
        assertThat(keycloaks).extracting(DeployFiles.Doc::name)
                .containsExactly(DeployFiles.single(GENERATED).path("spec").path("keycloakCRName").asText());
        assertThat(DeployFiles.single(GENERATED).path("apiVersion").asText())
                .isEqualTo(keycloaks.get(0).node().path("apiVersion").asText());
    }
}
