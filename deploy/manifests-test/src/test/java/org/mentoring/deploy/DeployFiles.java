package org.mentoring.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files under test, read relative to this module's folder (Maven runs tests there): {@code ..} is
 * {@code deploy/}, {@code ../..} the repository.
 */
final class DeployFiles {

    static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
    static final Path REPO = DEPLOY.getParent();
    static final Path K8S = DEPLOY.resolve("k8s");
    static final Path COMPOSE = DEPLOY.resolve("compose");
    static final Path REALM = DEPLOY.resolve(RealmImportGenerator.REALM);

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {
    }

    /** One document of a YAML file, with where it came from (for messages). */
    record Doc(Path file, int index, JsonNode node) {

        String kind() {
            return node.path("kind").asText("");
        }

        String name() {
            return node.path("metadata").path("name").asText("");
        }

        JsonNode spec() {
            return node.path("spec");
        }

        String where() {
            return REPO.relativize(file) + "#" + index + " (" + kind() + " " + name() + ")";
        }
    }

    /** Every document of a (multi-document) YAML file; empty documents are skipped. */
    static List<Doc> documents(Path file) {
        List<Doc> docs = new ArrayList<>();
        // Document by document: a MappingIterator would unwrap a document that is a list (a JSON patch).
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            int index = 0;
            while (parser.nextToken() != null) {
                JsonNode node = YAML.readTree(parser);
                if (node != null && !node.isNull() && !node.isMissingNode()
                        && !(node.isContainerNode() && node.isEmpty())) {
                    docs.add(new Doc(file, index, node));
                }
                index++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + REPO.relativize(file) + ": " + e.getMessage(), e);
        }
        return docs;
    }

    static JsonNode single(Path file) {
        List<Doc> docs = documents(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(REPO.relativize(file) + " has " + docs.size() + " documents, expected 1");
        }
        return docs.get(0).node();
    }

    static List<Path> yamlFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kubernetes resources of one kustomization folder (its resource files, not its patches). */
    static List<Doc> resources(Path folder) {
        JsonNode kustomization = single(folder.resolve("kustomization.yaml"));
        List<Doc> docs = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = folder.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                docs.addAll(resources(path));
            } else {
                docs.addAll(documents(path));
            }
        }
        return docs;
    }

    static List<Doc> ofKind(List<Doc> docs, String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    static Doc named(List<Doc> docs, String kind, String name) {
        return docs.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " named " + name));
    }

    static List<Doc> matching(List<Doc> docs, Predicate<Doc> filter) {
        return docs.stream().filter(filter).toList();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode at(JsonNode node, String pointer) {
        JsonNode found = node.at(pointer);
        return found == null ? MissingNode.getInstance() : found;
    }
}
