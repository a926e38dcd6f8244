package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mentoring.deploy.DeployFiles.DEPLOY;

/**
 * The KeycloakRealmImports are the generator's output for the realm of deploy/keycloak: the dev overlay's carries
 * it as it is, the prod overlay's its production form (checked further in ProductionOverlayTest).
 */
class RealmImportTest {

    private static final Path DEV = DEPLOY.resolve(RealmImportGenerator.DEV_OUTPUT);
    private static final Path PROD = DEPLOY.resolve(RealmImportGenerator.PROD_OUTPUT);
    private static final String REGENERATE = "run ./mvnw -q -pl deploy/manifests-test compile exec:java";

    @Test
    void devRealmImportHoldsTheRealmOfDeployKeycloak() throws Exception {
        JsonNode realmImport = DeployFiles.single(DEV);
        JsonNode realm = DeployFiles.JSON.readTree(DeployFiles.REALM.toFile());

        assertThat(realmImport.path("kind").asText()).isEqualTo("KeycloakRealmImport");
        assertThat(realmImport.path("spec").path("realm"))
                .as("spec.realm of %s equals %s", RealmImportGenerator.DEV_OUTPUT, RealmImportGenerator.REALM)
                .isEqualTo(realm);
    }

    @Test
    void realmImportsAreTheGeneratorsOutputAndNameOurKeycloak() throws Exception {
        assertThat(DeployFiles.read(DEV))
                .as("%s is stale or edited by hand: %s", RealmImportGenerator.DEV_OUTPUT, REGENERATE)
                .isEqualTo(RealmImportGenerator.render(DEPLOY))
                .startsWith("# GENERATED");
        assertThat(DeployFiles.read(PROD))
                .as("%s is stale or edited by hand: %s", RealmImportGenerator.PROD_OUTPUT, REGENERATE)
                .isEqualTo(RealmImportGenerator.renderProduction(DEPLOY))
                .startsWith("# GENERATED");
        List<DeployFiles.Doc> keycloaks = DeployFiles.ofKind(DeployFiles.resources(DEPLOY.resolve("k8s/engines")), "Keycloak");
        for (Path file : List.of(DEV, PROD)) {
            JsonNode realmImport = DeployFiles.single(file);
            assertThat(keycloaks).extracting(DeployFiles.Doc::name)
                    .containsExactly(realmImport.path("spec").path("keycloakCRName").asText());
            assertThat(realmImport.path("apiVersion").asText())
                    .isEqualTo(keycloaks.get(0).node().path("apiVersion").asText());
        }
    }

    @Test
    void eachOverlayImportsItsOwnRealmAndTheEnginesNone() {
        assertThat(DeployFiles.ofKind(DeployFiles.resources(DEPLOY.resolve("k8s/engines")), "KeycloakRealmImport"))
                .as("engines are shared by both overlays: no realm there").isEmpty();
        assertThat(DeployFiles.ofKind(DeployFiles.resources(DEV.getParent()), "KeycloakRealmImport"))
                .extracting(DeployFiles.Doc::file).containsExactly(DEV);
        assertThat(DeployFiles.ofKind(DeployFiles.resources(PROD.getParent()), "KeycloakRealmImport"))
                .extracting(DeployFiles.Doc::file).containsExactly(PROD);
    }
}
