package org.mentoring.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the poms: the project version, properties, and the images profile. */
final class RootPom {

    private RootPom() {
    }

    static Element pom(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Element root() {
        return pom(DeployFiles.REPO.resolve("pom.xml"));
    }

    static String projectVersion() {
        return text(child(root(), "version").orElseThrow());
    }

    static String property(String name) {
        return child(root(), "properties").flatMap(p -> child(p, name)).map(RootPom::text)
                .orElseThrow(() -> new AssertionError("root pom has no property " + name));
    }

    /** The profile with this id in a pom. */
    static Optional<Element> profile(Element pom, String id) {
        return child(pom, "profiles").stream()
                .flatMap(p -> children(p, "profile").stream())
                .filter(p -> child(p, "id").map(RootPom::text).orElse("").equals(id))
                .findFirst();
    }

    static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    /** The element at a path of child names, e.g. "build/pluginManagement/plugins". */
    static Optional<Element> path(Element from, String path) {
        Optional<Element> current = Optional.of(from);
        for (String name : path.split("/")) {
            current = current.flatMap(e -> child(e, name));
        }
        return current;
    }

    static String text(Element element) {
        return element.getTextContent().trim();
    }
}
