package org.mentoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.mentoring.deploy.DeployFiles.Doc;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.mentoring.deploy.DeployFiles.K8S;
import static org.mentoring.deploy.DeployFiles.REPO;
import static org.mentoring.deploy.DeployFiles.documents;
import static org.mentoring.deploy.DeployFiles.named;
import static org.mentoring.deploy.DeployFiles.ofKind;

/**
 * The Kubernetes manifests under deploy/k8s, checked against our rules and against the services' own
 * configuration (what kubectl --dry-run cannot do without a cluster).
 */
class KubernetesManifestsTest {

    private static final Path BASE = K8S.resolve("base");
    private static final Path ENGINES = K8S.resolve("engines");
    private static final List<Path> OVERLAYS = List.of(K8S.resolve("overlays/dev"), K8S.resolve("overlays/prod"));
    private static final String NAME_LABEL = "app.kubernetes.io/name";

    private final List<Doc> base = DeployFiles.resources(BASE);
    private final List<Doc> engines = DeployFiles.resources(ENGINES);
    private final List<Doc> all = concat(base, engines);
    private final List<ServiceModule> modules = ServiceModule.all();
    private final JsonNode realm = readRealm();

    @Test
    void everyManifestParsesAndNamesItsKind() {
        List<Path> files = DeployFiles.yamlFiles(K8S);
        assertThat(files).isNotEmpty();
        assertSoftly(soft -> {
            for (Path file : files) {
                List<Doc> docs = documents(file);
                soft.assertThat(docs).as("%s has documents", REPO.relativize(file)).isNotEmpty();
                if (file.getFileName().toString().equals("kustomization.yaml") || isJsonPatch(docs)) {
                    continue;
                }
                for (Doc doc : docs) {
                    soft.assertThat(doc.node().path("apiVersion").asText()).as("apiVersion of %s", doc.where()).isNotBlank();
                    soft.assertThat(doc.kind()).as("kind of %s", doc.where()).isNotBlank();
                    soft.assertThat(doc.name()).as("metadata.name of %s", doc.where()).isNotBlank();
                }
            }
        });
    }

    @Test
    void everyKustomizationListsEveryFileOfItsFolderAndOnlyFilesThatExist() throws IOException {
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(K8S)) {
            folders = walk.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml"))).sorted().toList();
        }
        assertThat(folders).extracting(p -> K8S.relativize(p).toString().replace('\\', '/'))
                .containsExactlyInAnyOrder("base", "engines", "overlays/dev", "overlays/prod");
        assertSoftly(soft -> {
            for (Path folder : folders) {
                JsonNode kustomization = DeployFiles.single(folder.resolve("kustomization.yaml"));
                Set<String> referenced = new HashSet<>();
                kustomization.path("resources").forEach(r -> referenced.add(r.asText()));
                kustomization.path("components").forEach(r -> referenced.add(r.asText()));
                kustomization.path("patchesStrategicMerge").forEach(r -> referenced.add(r.asText()));
                kustomization.path("patches").forEach(p -> {
                    if (p.has("path")) {
                        referenced.add(p.path("path").asText());
                    }
                });
                for (String reference : referenced) {
                    soft.assertThat(folder.resolve(reference)).as("%s in %s", reference, K8S.relativize(folder)).exists();
                }
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(Files::isRegularFile)
                            .map(f -> f.getFileName().toString())
                            .filter(f -> !f.equals("kustomization.yaml"))
                            .forEach(f -> soft.assertThat(referenced)
                                    .as("%s/kustomization.yaml lists %s", K8S.relativize(folder), f).contains(f));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        });
    }

    @Test
    void oneDeploymentPerModuleWithItsImageAndPort() {
        assertThat(ofKind(base, "Deployment")).extracting(Doc::name)
                .containsExactlyInAnyOrderElementsOf(ServiceModule.MODULES);
        String version = RootPom.projectVersion();
        assertSoftly(soft -> {
            for (ServiceModule module : modules) {
                Doc deployment = named(base, "Deployment", module.module());
                JsonNode container = container(deployment);
                soft.assertThat(container.path("image").asText()).as("image of %s", deployment.where())
                        .isEqualTo(module.image() + ":" + version);
                soft.assertThat(container.path("ports")).as("ports of %s", deployment.where()).hasSize(1);
                soft.assertThat(container.at("/ports/0/containerPort").asInt())
                        .as("containerPort of %s = quarkus.http.port of %s", deployment.where(), module.module())
                        .isEqualTo(module.port());
            }
        });
    }

    @Test
    void everyDeploymentHasProbesResourcesAndRunsAsNonRoot() {
        assertSoftly(soft -> {
            for (Doc deployment : ofKind(base, "Deployment")) {
                JsonNode pod = deployment.spec().path("template").path("spec");
                JsonNode container = container(deployment);
                String where = deployment.where();
                int port = container.at("/ports/0/containerPort").asInt();
                String portName = container.at("/ports/0/name").asText();

                Map<String, String> probes = Map.of(
                        "startupProbe", "/q/health/started",
                        "livenessProbe", "/q/health/live",
                        "readinessProbe", "/q/health/ready");
                probes.forEach((probe, path) -> {
                    JsonNode get = container.path(probe).path("httpGet");
                    soft.assertThat(get.path("path").asText()).as("%s path of %s", probe, where).isEqualTo(path);
                    JsonNode probePort = get.path("port");
                    soft.assertThat(probePort.isInt() ? probePort.asInt() == port : probePort.asText().equals(portName))
                            .as("%s port of %s is the container port", probe, where).isTrue();
                });

                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        soft.assertThat(container.path("resources").path(kind).path(resource).asText())
                                .as("resources.%s.%s of %s", kind, resource, where).isNotBlank();
                    }
                }

                JsonNode podSecurity = pod.path("securityContext");
                JsonNode securityContext = container.path("securityContext");
                soft.assertThat(podSecurity.path("runAsNonRoot").asBoolean(false) || securityContext.path("runAsNonRoot").asBoolean(false))
                        .as("runAsNonRoot of %s", where).isTrue();
                int user = securityContext.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt(0));
                soft.assertThat(user).as("runAsUser of %s", where).isPositive();
                soft.assertThat(securityContext.path("allowPrivilegeEscalation").asBoolean(true))
                        .as("allowPrivilegeEscalation of %s", where).isFalse();
                soft.assertThat(securityContext.path("readOnlyRootFilesystem").asBoolean(false))
                        .as("readOnlyRootFilesystem of %s", where).isTrue();
                soft.assertThat(texts(securityContext.path("capabilities").path("drop")))
                        .as("capabilities dropped by %s", where).contains("ALL");

                String tmpVolume = null;
                for (JsonNode mount : container.path("volumeMounts")) {
                    if (mount.path("mountPath").asText().equals("/tmp")) {
                        tmpVolume = mount.path("name").asText();
                    }
                }
                soft.assertThat(tmpVolume).as("/tmp mounted in %s", where).isNotNull();
                boolean emptyDir = false;
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(tmpVolume) && volume.has("emptyDir")) {
                        emptyDir = true;
                    }
                }
                soft.assertThat(emptyDir).as("/tmp of %s is an emptyDir", where).isTrue();
            }
        });
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() {
        assertSoftly(soft -> {
            for (ServiceModule module : modules) {
                Doc deployment = named(base, "Deployment", module.module());
                Set<String> names = environment(deployment, soft);
                soft.assertThat(names).as("environment of %s", deployment.where()).isNotEmpty();
                for (String name : names) {
                    soft.assertThat(module.reads(name))
                            .as("%s sets %s, which %s's configuration does not read (it reads %s)",
                                    deployment.where(), name, module.module(), module.environment())
                            .isTrue();
                }
            }
        });
    }

    @Test
    void aQuarkusExtensionsSettingsCountAsReadOnlyByTheModulesThatUseIt() {
        ServiceModule notifications = ServiceModule.named("notifications-service");
        assertThat(notifications.reads("QUARKUS_MAILER_USERNAME")).as("quarkus-mailer's login").isTrue();
        assertThat(notifications.reads("QUARKUS_MAILER_START_TLS")).isTrue();
        assertThat(notifications.reads("QUARKUS_MAILERX_HOST")).isFalse();
        assertThat(ServiceModule.named("sessions-service").reads("QUARKUS_MAILER_USERNAME"))
                .as("sessions-service sends no mail").isFalse();
    }

    @Test
    void everySecretAndConfigMapKeyADeploymentReadsExists() {
        Map<String, Set<String>> devSecretKeys = devSecretKeys();
        assertSoftly(soft -> {
            for (Doc deployment : ofKind(base, "Deployment")) {
                for (JsonNode env : container(deployment).path("env")) {
                    JsonNode secret = env.at("/valueFrom/secretKeyRef");
                    if (!secret.isMissingNode()) {
                        soft.assertThat(devSecretKeys.getOrDefault(secret.path("name").asText(), Set.of()))
                                .as("%s reads key %s of Secret %s, which the dev overlay generates (README lists it for prod)",
                                        deployment.where(), secret.path("key").asText(), secret.path("name").asText())
                                .contains(secret.path("key").asText());
                    }
                    JsonNode configMap = env.at("/valueFrom/configMapKeyRef");
                    if (!configMap.isMissingNode()) {
                        List<Doc> maps = all.stream().filter(d -> d.kind().equals("ConfigMap")
                                && d.name().equals(configMap.path("name").asText())).toList();
                        soft.assertThat(maps).as("ConfigMap %s read by %s", configMap.path("name").asText(), deployment.where())
                                .hasSize(1);
                        maps.forEach(m -> soft.assertThat(fieldNames(m.node().path("data")))
                                .as("keys of %s", m.where()).contains(configMap.path("key").asText()));
                    }
                }
            }
        });
    }

    @Test
    void overlaysOnlySetConfigurationNamesTheBaseDeclaresAndPatchWhatExists() {
        assertSoftly(soft -> {
            for (Path overlay : OVERLAYS) {
                JsonNode kustomization = DeployFiles.single(overlay.resolve("kustomization.yaml"));
                for (JsonNode patch : kustomization.path("patches")) {
                    Path file = overlay.resolve(patch.path("path").asText());
                    List<Doc> docs = documents(file);
                    if (isJsonPatch(docs)) {
                        String kind = patch.path("target").path("kind").asText();
                        soft.assertThat(ofKind(all, kind)).as("%s targets %s, which exists", REPO.relativize(file), kind)
                                .isNotEmpty();
                        continue;
                    }
                    for (Doc doc : docs) {
                        List<Doc> targets = all.stream()
                                .filter(d -> d.kind().equals(doc.kind()) && d.name().equals(doc.name())).toList();
                        soft.assertThat(targets).as("%s patches an existing resource", doc.where()).hasSize(1);
                        if (doc.kind().equals("ConfigMap") && targets.size() == 1) {
                            Set<String> declared = fieldNames(targets.get(0).node().path("data"));
                            soft.assertThat(fieldNames(doc.node().path("data")))
                                    .as("keys of %s are keys of the base ConfigMap", doc.where())
                                    .isSubsetOf(declared);
                        }
                    }
                }
            }
        });
    }

    @Test
    void everyServiceHasAServiceAnAutoscalerAndADisruptionBudget() {
        assertSoftly(soft -> {
            for (ServiceModule module : modules) {
                Doc deployment = named(base, "Deployment", module.module());
                Map<String, String> podLabels = podLabels(deployment);

                Doc service = named(base, "Service", module.module());
                soft.assertThat(podLabels).as("pods of %s carry the selector of %s", deployment.where(), service.where())
                        .containsAllEntriesOf(map(service.spec().path("selector")));
                soft.assertThat(service.spec().at("/ports/0/port").asInt()).as("port of %s", service.where())
                        .isEqualTo(module.port());
                JsonNode target = service.spec().at("/ports/0/targetPort");
                soft.assertThat(target.isInt() ? target.asInt() == module.port()
                                : target.asText().equals(container(deployment).at("/ports/0/name").asText()))
                        .as("targetPort of %s is the container port", service.where()).isTrue();

                Doc hpa = named(base, "HorizontalPodAutoscaler", module.module());
                soft.assertThat(hpa.node().path("apiVersion").asText()).as("apiVersion of %s", hpa.where())
                        .isEqualTo("autoscaling/v2");
                soft.assertThat(hpa.spec().path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
                soft.assertThat(hpa.spec().path("scaleTargetRef").path("name").asText()).as("target of %s", hpa.where())
                        .isEqualTo(module.module());
                soft.assertThat(hpa.spec().path("minReplicas").asInt()).as("minReplicas of %s", hpa.where())
                        .isBetween(1, hpa.spec().path("maxReplicas").asInt());
                boolean cpu = false;
                for (JsonNode metric : hpa.spec().path("metrics")) {
                    cpu |= metric.path("type").asText().equals("Resource")
                            && metric.path("resource").path("name").asText().equals("cpu");
                }
                soft.assertThat(cpu).as("%s scales on CPU", hpa.where()).isTrue();

                Doc pdb = named(base, "PodDisruptionBudget", module.module());
                soft.assertThat(podLabels).as("pods of %s are selected by %s", deployment.where(), pdb.where())
                        .containsAllEntriesOf(map(pdb.spec().path("selector").path("matchLabels")));
                soft.assertThat(pdb.spec().has("maxUnavailable") || pdb.spec().has("minAvailable"))
                        .as("%s sets a budget", pdb.where()).isTrue();
            }
        });
    }

    @Test
    void onlyTheGatewayIsReachableAndEveryServiceHasItsNetworkPolicy() {
        Map<String, String> platform = configMap("mentoring-platform");
        int dbPort = Integer.parseInt(platform.get("DB_PORT"));
        int kafkaPort = Integer.parseInt(platform.get("KAFKA_BOOTSTRAP_SERVERS").replaceAll(".*:", ""));
        assertSoftly(soft -> {
            for (ServiceModule module : modules) {
                Doc deployment = named(base, "Deployment", module.module());
                Map<String, String> labels = podLabels(deployment);
                List<Doc> policies = ofKind(base, "NetworkPolicy").stream()
                        .filter(p -> labels.entrySet().containsAll(
                                map(p.spec().path("podSelector").path("matchLabels")).entrySet()))
                        .toList();
                soft.assertThat(policies).as("NetworkPolicies selecting the pods of %s", deployment.where()).isNotEmpty();
                Set<String> types = new HashSet<>();
                List<JsonNode> ingress = new ArrayList<>();
                List<JsonNode> egress = new ArrayList<>();
                for (Doc policy : policies) {
                    policy.spec().path("policyTypes").forEach(t -> types.add(t.asText()));
                    policy.spec().path("ingress").forEach(ingress::add);
                    policy.spec().path("egress").forEach(egress::add);
                }
                soft.assertThat(types).as("policy types for %s", module.module()).contains("Ingress", "Egress");
                for (JsonNode rule : ingress) {
                    soft.assertThat(ports(rule)).as("ingress ports of %s", module.module()).containsOnly(module.port());
                    soft.assertThat(rule.path("from")).as("ingress of %s names its sources", module.module()).isNotEmpty();
                    if (!module.isGateway()) {
                        for (JsonNode peer : rule.path("from")) {
                            soft.assertThat(peer.has("namespaceSelector") || peer.has("ipBlock"))
                                    .as("%s accepts traffic from its own namespace only", module.module()).isFalse();
                            soft.assertThat(map(peer.path("podSelector").path("matchLabels")))
                                    .as("%s accepts traffic from the gateway only", module.module())
                                    .containsExactly(Map.entry(NAME_LABEL, "gateway"));
                        }
                    }
                }
                Set<Integer> egressPorts = new HashSet<>();
                egress.forEach(rule -> egressPorts.addAll(ports(rule)));
                soft.assertThat(egressPorts).as("egress of %s: DNS and Keycloak", module.module()).contains(53, 8080);
                if (!module.isGateway()) {
                    soft.assertThat(egressPorts).as("egress of %s: PostgreSQL and Kafka", module.module())
                            .contains(dbPort, kafkaPort);
                }
            }

            // The gateway may call each upstream its configuration names, on that upstream's port.
            Doc gatewayPolicy = named(base, "NetworkPolicy", "gateway");
            Map<String, String> gatewayConfig = configMap("gateway-config");
            soft.assertThat(gatewayConfig.keySet()).as("the gateway's upstreams in gateway-config")
                    .containsAll(ServiceModule.gatewayUpstreamVariables());
            for (Map.Entry<String, String> entry : gatewayConfig.entrySet()) {
                if (!ServiceModule.gatewayUpstreamVariables().contains(entry.getKey())) {
                    continue;
                }
                URI upstream = URI.create(entry.getValue());
                ServiceModule target = ServiceModule.named(upstream.getHost());
                soft.assertThat(upstream.getPort()).as("%s is %s's port", entry.getKey(), target.module())
                        .isEqualTo(target.port());
                boolean allowed = false;
                for (JsonNode rule : gatewayPolicy.spec().path("egress")) {
                    for (JsonNode peer : rule.path("to")) {
                        allowed |= target.module().equals(peer.path("podSelector").path("matchLabels").path(NAME_LABEL).asText())
                                && ports(rule).contains(target.port());
                    }
                }
                soft.assertThat(allowed).as("the gateway's NetworkPolicy lets it reach %s", entry.getValue()).isTrue();
            }

            // From outside, Ingresses lead to the gateway (and Keycloak's login), never to a service.
            List<Doc> ingresses = ofKind(all, "Ingress");
            Set<String> backends = new HashSet<>();
            for (Doc ingress : ingresses) {
                ingress.spec().findValues("service").forEach(s -> backends.add(s.path("name").asText()));
            }
            soft.assertThat(backends).as("Services behind the Ingresses").contains("gateway")
                    .doesNotContainAnyElementsOf(ServiceModule.MODULES.stream().filter(m -> !m.equals("gateway")).toList());
            for (Doc service : ofKind(base, "Service")) {
                soft.assertThat(service.spec().path("type").asText("ClusterIP")).as("type of %s", service.where())
                        .isEqualTo("ClusterIP");
            }
        });
    }

    @Test
    void databasesRolesAndSecretsLineUpWithTheServices() {
        Doc cluster = ofKind(engines, "Cluster").get(0);
        Map<String, String> platform = configMap("mentoring-platform");
        Set<String> devSecrets = devSecrets().keySet();
        assertSoftly(soft -> {
            soft.assertThat(platform.get("DB_HOST")).as("DB_HOST is the primary of %s", cluster.where())
                    .isEqualTo(cluster.name() + "-rw");
            Map<String, String> roleSecrets = new HashMap<>();
            for (JsonNode role : cluster.spec().path("managed").path("roles")) {
                roleSecrets.put(role.path("name").asText(), role.path("passwordSecret").path("name").asText());
            }
            for (ServiceModule module : modules) {
                if (module.isGateway()) {
                    continue;
                }
                Doc deployment = named(base, "Deployment", module.module());
                Map<String, JsonNode> env = new HashMap<>();
                container(deployment).path("env").forEach(e -> env.put(e.path("name").asText(), e));
                String database = env.getOrDefault("DB_NAME", DeployFiles.JSON.nullNode()).path("value").asText();
                soft.assertThat(database).as("DB_NAME of %s = mentoring.database", deployment.where())
                        .isEqualTo(module.database());
                String userSecret = env.getOrDefault("DB_USER", DeployFiles.JSON.nullNode()).at("/valueFrom/secretKeyRef/name").asText();
                String passwordSecret = env.getOrDefault("DB_PASSWORD", DeployFiles.JSON.nullNode()).at("/valueFrom/secretKeyRef/name").asText();
                soft.assertThat(userSecret).as("DB_USER and DB_PASSWORD of %s from one Secret", deployment.where())
                        .isNotBlank().isEqualTo(passwordSecret);
                List<Doc> databases = ofKind(engines, "Database").stream()
                        .filter(d -> d.spec().path("name").asText().equals(database)).toList();
                soft.assertThat(databases).as("a CloudNativePG Database %s", database).hasSize(1);
                for (Doc db : databases) {
                    soft.assertThat(db.spec().path("cluster").path("name").asText()).isEqualTo(cluster.name());
                    String owner = db.spec().path("owner").asText();
                    soft.assertThat(roleSecrets.get(owner)).as("managed role %s owning %s logs in with %s's Secret",
                            owner, database, module.module()).isEqualTo(userSecret);
                }
                soft.assertThat(devSecrets).as("the dev overlay provides %s", userSecret).contains(userSecret);
            }
            JsonNode initdb = cluster.spec().path("bootstrap").path("initdb");
            soft.assertThat(devSecrets).as("Secrets the dev overlay generates")
                    .containsAll(roleSecrets.values())
                    .contains(initdb.path("secret").path("name").asText());
            Doc keycloak = ofKind(engines, "Keycloak").get(0);
            soft.assertThat(devSecrets).as("Keycloak's database Secrets")
                    .contains(keycloak.spec().at("/db/usernameSecret/name").asText(),
                            keycloak.spec().at("/db/passwordSecret/name").asText());
            soft.assertThat(keycloak.spec().at("/db/database").asText()).as("Keycloak's database is bootstrapped")
                    .isEqualTo(initdb.path("database").asText());
            soft.assertThat(keycloak.spec().at("/db/host").asText()).isEqualTo(cluster.name() + "-rw");
            // The generated credentials log in as the role they are for.
            devSecrets().forEach((secret, user) -> soft.assertThat(
                    roleSecrets.entrySet().stream().anyMatch(e -> e.getValue().equals(secret) && e.getKey().equals(user))
                            || secret.equals(initdb.path("secret").path("name").asText())
                            && user.equals(initdb.path("owner").asText()))
                    .as("username in the dev Secret %s is its role", secret).isTrue());
        });
    }

    @Test
    void kafkaTopicsCoverEveryTopicTheServicesUse() {
        Doc kafka = ofKind(engines, "Kafka").get(0);
        Set<String> required = new LinkedHashSet<>(contractTopics());
        for (ServiceModule module : modules) {
            Matcher matcher = Pattern.compile("(?m)^[^#%\\s][^=]*\\.topic\\s*=\\s*(\\S+)\\s*$").matcher(
                    DeployFiles.read(REPO.resolve(module.module()).resolve("src/main/resources/application.properties")));
            while (matcher.find()) {
                required.add(matcher.group(1));
            }
        }
        assertThat(required).contains("mentoring.applicants.v1", "mentoring.matching.v1", "mentoring.agreements.v1",
                "mentoring.sessions.v1", "matching-service.dlq.mentoring.applicants.v1");
        List<Doc> topics = ofKind(engines, "KafkaTopic");
        assertSoftly(soft -> {
            soft.assertThat(topics).extracting(KubernetesManifestsTest::topicName).as("KafkaTopics")
                    .containsExactlyInAnyOrderElementsOf(required);
            for (Doc topic : topics) {
                soft.assertThat(topic.node().at("/metadata/labels/strimzi.io~1cluster").asText())
                        .as("cluster of %s", topic.where()).isEqualTo(kafka.name());
                soft.assertThat(topic.spec().path("partitions").asInt()).as("partitions of %s", topic.where()).isPositive();
                soft.assertThat(topic.spec().path("replicas").asInt()).as("replicas of %s", topic.where())
                        .isGreaterThanOrEqualTo(topic.spec().path("config").path("min.insync.replicas").asInt(1));
                // A compacted topic keeps the latest record per key for good (-1); any other ages out.
                boolean compacted = topic.spec().path("config").path("cleanup.policy").asText().equals("compact");
                soft.assertThat(topic.spec().path("config").path("retention.ms").asText())
                        .as("retention of %s", topic.where()).matches(compacted ? "-1|\\d+" : "\\d+");
            }
            Set<String> roles = new HashSet<>();
            for (Doc pool : ofKind(engines, "KafkaNodePool")) {
                soft.assertThat(pool.node().at("/metadata/labels/strimzi.io~1cluster").asText())
                        .as("cluster of %s", pool.where()).isEqualTo(kafka.name());
                pool.spec().path("roles").forEach(r -> roles.add(r.asText()));
            }
            soft.assertThat(roles).as("KRaft roles of the node pools").contains("controller", "broker");
            int plain = -1;
            for (JsonNode listener : kafka.spec().path("kafka").path("listeners")) {
                if (!listener.path("tls").asBoolean(true)) {
                    plain = listener.path("port").asInt();
                }
            }
            soft.assertThat(configMap("mentoring-platform").get("KAFKA_BOOTSTRAP_SERVERS"))
                    .as("KAFKA_BOOTSTRAP_SERVERS is the plain listener of %s", kafka.where())
                    .isEqualTo(kafka.name() + "-kafka-bootstrap:" + plain);
        });
    }

    @Test
    void tokensAreCheckedAgainstTheKeycloakOfTheEnginesInEveryOverlay() {
        Doc keycloak = ofKind(engines, "Keycloak").get(0);
        String realmName = realm.path("realm").asText();
        Set<String> audiences = new HashSet<>();
        realm.findValues("included.custom.audience").forEach(a -> audiences.add(a.asText()));
        assertSoftly(soft -> {
            Map<String, String> jwt = configMap("mentoring-jwt");
            soft.assertThat(jwt.get("JWT_JWKS_URL")).as("JWT_JWKS_URL: the realm's keys inside the cluster")
                    .isEqualTo("http://" + keycloak.name() + "-service:8080/realms/" + realmName
                            + "/protocol/openid-connect/certs");
            soft.assertThat(keycloak.spec().at("/http/httpEnabled").asBoolean()).as("Keycloak serves HTTP inside").isTrue();
            soft.assertThat(audiences).as("audiences the realm puts in tokens").contains(jwt.get("JWT_AUDIENCE"));

            List<Path> variants = new ArrayList<>(OVERLAYS);
            variants.add(0, null);
            for (Path overlay : variants) {
                String label = overlay == null ? "base" : K8S.relativize(overlay).toString();
                String hostname = effective(overlay, "Keycloak", keycloak.name(), "/spec/hostname/hostname");
                soft.assertThat(effective(overlay, "ConfigMap", "mentoring-jwt", "/data/JWT_ISSUER"))
                        .as("%s: JWT_ISSUER is Keycloak's hostname + realm", label)
                        .isEqualTo(hostname + "/realms/" + realmName);
                soft.assertThat(effective(overlay, "ConfigMap", "gateway-config", "/data/KEYCLOAK_URL"))
                        .as("%s: KEYCLOAK_URL is Keycloak's hostname", label).isEqualTo(hostname);
                soft.assertThat(effective(overlay, "Ingress", "mentoring-keycloak", "/spec/rules/0/host"))
                        .as("%s: Keycloak's Ingress host", label).isEqualTo(URI.create(hostname).getHost());
                soft.assertThat(effective(overlay, "Ingress", "gateway", "/spec/rules/0/host"))
                        .as("%s: the gateway's Ingress host is GATEWAY_PUBLIC_URL's", label)
                        .isEqualTo(URI.create(effective(overlay, "ConfigMap", "gateway-config", "/data/GATEWAY_PUBLIC_URL")).getHost());
            }
        });
    }

    @Test
    void prodOverlayMovesEveryImageToARegistry() {
        JsonNode kustomization = DeployFiles.single(K8S.resolve("overlays/prod/kustomization.yaml"));
        Set<String> images = new HashSet<>();
        kustomization.path("images").forEach(i -> images.add(i.path("name").asText()));
        assertThat(images).containsExactlyInAnyOrderElementsOf(modules.stream().map(ServiceModule::image).toList());
    }

    // ---- helpers

    private static List<Doc> concat(List<Doc> a, List<Doc> b) {
        List<Doc> docs = new ArrayList<>(a);
        docs.addAll(b);
        return docs;
    }

    private static boolean isJsonPatch(List<Doc> docs) {
        return docs.size() == 1 && docs.get(0).node().isArray();
    }

    private static JsonNode container(Doc deployment) {
        JsonNode containers = deployment.spec().path("template").path("spec").path("containers");
        if (containers.size() != 1) {
            throw new AssertionError(deployment.where() + " has " + containers.size() + " containers, expected 1");
        }
        return containers.get(0);
    }

    private static Map<String, String> podLabels(Doc deployment) {
        return map(deployment.spec().path("template").path("metadata").path("labels"));
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static Set<Integer> ports(JsonNode rule) {
        Set<Integer> ports = new HashSet<>();
        rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
        return ports;
    }

    private static String topicName(Doc topic) {
        return topic.spec().path("topicName").asText(topic.name());
    }

    private Map<String, String> configMap(String name) {
        return map(named(base, "ConfigMap", name).node().path("data"));
    }

    /** Environment variable names a Deployment's container gets, ConfigMaps resolved. */
    private Set<String> environment(Doc deployment, SoftAssertions soft) {
        JsonNode container = container(deployment);
        Set<String> names = new LinkedHashSet<>();
        container.path("env").forEach(e -> names.add(e.path("name").asText()));
        for (JsonNode source : container.path("envFrom")) {
            String prefix = source.path("prefix").asText("");
            if (source.has("configMapRef")) {
                String name = source.path("configMapRef").path("name").asText();
                List<Doc> maps = all.stream().filter(d -> d.kind().equals("ConfigMap") && d.name().equals(name)).toList();
                soft.assertThat(maps).as("ConfigMap %s used by %s", name, deployment.where()).hasSize(1);
                maps.forEach(m -> fieldNames(m.node().path("data")).forEach(k -> names.add(prefix + k)));
            } else {
                soft.fail("%s takes variables from %s: name the keys in env instead, so they can be checked",
                        deployment.where(), source);
            }
        }
        return names;
    }

    /** A field of a resource as an overlay leaves it: the overlay's patch if it sets the field, else the base. */
    private String effective(Path overlay, String kind, String name, String pointer) {
        if (overlay != null) {
            JsonNode kustomization = DeployFiles.single(overlay.resolve("kustomization.yaml"));
            for (JsonNode patch : kustomization.path("patches")) {
                for (Doc doc : documents(overlay.resolve(patch.path("path").asText()))) {
                    if (doc.kind().equals(kind) && doc.name().equals(name) && !doc.node().at(pointer).isMissingNode()) {
                        return doc.node().at(pointer).asText();
                    }
                }
            }
        }
        return named(all, kind, name).node().at(pointer).asText();
    }

    /** The keys of each Secret the dev overlay generates. */
    private static Map<String, Set<String>> devSecretKeys() {
        JsonNode kustomization = DeployFiles.single(K8S.resolve("overlays/dev/kustomization.yaml"));
        Map<String, Set<String>> secrets = new HashMap<>();
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            Set<String> keys = new HashSet<>();
            generator.path("literals").forEach(l -> keys.add(l.asText().substring(0, l.asText().indexOf('='))));
            secrets.put(generator.path("name").asText(), keys);
        }
        return secrets;
    }

    /** username of each basic-auth Secret (database login) the dev overlay generates. */
    private static Map<String, String> devSecrets() {
        JsonNode kustomization = DeployFiles.single(K8S.resolve("overlays/dev/kustomization.yaml"));
        Map<String, String> secrets = new HashMap<>();
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            if (!generator.path("type").asText().equals("kubernetes.io/basic-auth")) {
                continue;
            }
            String user = null;
            for (JsonNode literal : generator.path("literals")) {
                if (literal.asText().startsWith("username=")) {
                    user = literal.asText().substring("username=".length());
                }
            }
            secrets.put(generator.path("name").asText(), user);
        }
        return secrets;
    }

    private static Set<String> contractTopics() {
        Path topics = REPO.resolve("contracts/src/main/java/org/mentoring/contracts/events/Topics.java");
        Matcher matcher = Pattern.compile("String\\s+\\w+\\s*=\\s*\"([^\"]+)\"").matcher(DeployFiles.read(topics));
        Set<String> names = new LinkedHashSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static JsonNode readRealm() {
        try {
            return DeployFiles.JSON.readTree(DeployFiles.REALM.toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
