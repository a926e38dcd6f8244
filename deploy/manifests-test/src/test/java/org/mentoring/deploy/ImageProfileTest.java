package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.mentoring.deploy.RootPom.child;
import static org.mentoring.deploy.RootPom.children;
import static org.mentoring.deploy.RootPom.path;
import static org.mentoring.deploy.RootPom.text;

/**
 * The images profile (root pom + each service's pom) builds what the manifests run: mentoring/<module>:<version>,
 * a non-root numeric user, the service's port, the Quarkus fast-jar started by the JVM with container-aware
 * memory settings. Building the images needs the profile and a base image, so this test reads the poms.
 */
class ImageProfileTest {

    private static final String JIB = "jib-maven-plugin";

    @Test
    void rootProfileConfiguresJibOverTheQuarkusFastJar() {
        Element profile = RootPom.profile(RootPom.root(), "images").orElseThrow(() -> new AssertionError("no images profile"));
        Map<String, String> properties = properties(profile);
        Element plugin = plugin(path(profile, "build/pluginManagement/plugins").orElseThrow());
        Element config = child(plugin, "configuration").orElseThrow();
        assertSoftly(soft -> {
            soft.assertThat(child(profile, "activation")).as("the images profile is off by default").isEmpty();
            soft.assertThat(resolve(text(child(plugin, "version").orElseThrow()), properties)).isEqualTo("3.5.2");
            soft.assertThat(text(path(config, "from/image").orElseThrow())).isEqualTo("${images.base}");
            soft.assertThat(properties.get("images.base")).as("default base: a public image, not a local tar")
                    .doesNotStartWith("tar://").contains("17");
            soft.assertThat(resolve(text(path(config, "to/image").orElseThrow()), properties))
                    .isEqualTo("mentoring/${project.artifactId}:${project.version}");
            soft.assertThat(text(path(config, "outputPaths/tar").orElseThrow())).endsWith("/jib-image.tar");
            String user = resolve(text(path(config, "container/user").orElseThrow()), properties);
            soft.assertThat(user).as("image user: numeric, not root").matches("[1-9][0-9]*");
            // The manifests run the images as that user.
            for (DeployFiles.Doc deployment : DeployFiles.ofKind(DeployFiles.resources(DeployFiles.K8S.resolve("base")), "Deployment")) {
                soft.assertThat(deployment.spec().at("/template/spec/securityContext/runAsUser").asText())
                        .as("runAsUser of %s", deployment.where()).isEqualTo(user);
            }
            JsonNode compose = DeployFiles.single(DeployFiles.COMPOSE.resolve("compose.yaml"));
            for (String module : ServiceModule.MODULES) {
                soft.assertThat(compose.path("services").path(module).path("user").asText())
                        .as("user of %s in compose.yaml", module).isEqualTo(user);
            }
            soft.assertThat(text(path(config, "container/ports/port").orElseThrow())).isEqualTo("${images.port}");
            List<String> entrypoint = children(path(config, "container/entrypoint").orElseThrow(), "arg").stream()
                    .map(RootPom::text).toList();
            soft.assertThat(entrypoint).as("entrypoint").startsWith("java")
                    .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
                    .endsWith("-jar", "/deployments/quarkus-run.jar");
            soft.assertThat(text(path(config, "extraDirectories/paths/path/from").orElseThrow()))
                    .isEqualTo("${project.build.directory}/quarkus-app");
            soft.assertThat(text(path(config, "extraDirectories/paths/path/into").orElseThrow())).isEqualTo("/deployments");
            Element execution = path(plugin, "executions/execution").orElseThrow();
            soft.assertThat(text(child(execution, "phase").orElseThrow())).isEqualTo("package");
            soft.assertThat(text(path(execution, "goals/goal").orElseThrow())).isEqualTo("buildTar");
        });
    }

    @Test
    void everyServiceSwitchesJibOnWithItsPort() {
        assertSoftly(soft -> {
            for (ServiceModule module : ServiceModule.all()) {
                Element pom = RootPom.pom(DeployFiles.REPO.resolve(module.module()).resolve("pom.xml"));
                // a domain service inherits the profile from the service parent and sets only its port
                boolean inherits = RootPom.path(pom, "parent/artifactId").map(RootPom::text).orElse("").equals("service-parent");
                Element declaring = inherits ? RootPom.pom(DeployFiles.REPO.resolve(ServiceModule.SERVICE_PARENT)) : pom;
                Element profile = RootPom.profile(declaring, "images").orElse(null);
                soft.assertThat(profile).as("%s has an images profile", module.module()).isNotNull();
                if (profile == null) {
                    continue;
                }
                String port = properties(profile).getOrDefault("images.port", projectProperty(pom, "images.port"));
                soft.assertThat(port).as("images.port of %s = quarkus.http.port", module.module())
                        .isEqualTo(String.valueOf(module.port()));
                soft.assertThat(path(profile, "build/plugins").map(ImageProfileTest::plugin))
                        .as("%s builds its image with Jib", module.module()).isPresent();
            }
        });
    }

    private static Element plugin(Element plugins) {
        return children(plugins, "plugin").stream()
                .filter(p -> child(p, "artifactId").map(RootPom::text).orElse("").equals(JIB))
                .findFirst().orElseThrow(() -> new AssertionError("no " + JIB));
    }

    private static String projectProperty(Element pom, String name) {
        return RootPom.path(pom, "properties/" + name).map(RootPom::text).orElse(null);
    }

    private static Map<String, String> properties(Element profile) {
        return child(profile, "properties").map(p -> {
            var nodes = p.getChildNodes();
            return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(nodes::item)
                    .filter(Element.class::isInstance).map(Element.class::cast)
                    .collect(Collectors.toMap(Element::getTagName, RootPom::text));
        }).orElse(Map.of());
    }

    private static String resolve(String value, Map<String, String> properties) {
        String resolved = value;
        for (Map.Entry<String, String> property : properties.entrySet()) {
            resolved = resolved.replace("${" + property.getKey() + "}", property.getValue());
        }
        return resolved;
    }
}
