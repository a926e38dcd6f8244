package org.mentoring.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deployable module's own configuration says: the port it listens on and the environment variables
 * it reads. Read from {@code <module>/src/main/resources/application.properties} and, for the modules that
 * depend on the platform module, the platform's {@code META-INF/microprofile-config.properties}.
 */
record ServiceModule(String module, int port, String database, Set<String> environment, Set<String> propertyKeys,
                     Set<String> extensions) {

    /** The six images, in the order of the root pom. */
    static final List<String> MODULES = List.of(
            "applicants-service", "matching-service", "agreements-service", "sessions-service", "notifications-service",
            "gateway");

    /** Extensions whose whole configuration root the deployments may set (QUARKUS_MAILER_*: the SMTP server). */
    static final Set<String> EXTENSION_SETTINGS = Set.of("mailer");

    /** Read by the JVM itself, whatever the application: extra options at run time. */
    static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Path PLATFORM_CONFIG =
            Path.of("platform", "src", "main", "resources", "META-INF", "microprofile-config.properties");

    static List<ServiceModule> all() {
        return MODULES.stream().map(ServiceModule::read).toList();
    }

    static ServiceModule named(String module) {
        return read(module);
    }

    static ServiceModule read(String module) {
        Path dir = DeployFiles.REPO.resolve(module);
        String own = DeployFiles.read(dir.resolve("src/main/resources/application.properties"));
        StringBuilder all = new StringBuilder(own);
        if (readsPlatformConfig(dir)) {
            all.append('\n').append(DeployFiles.read(DeployFiles.REPO.resolve(PLATFORM_CONFIG)));
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(all);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(all.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> keys = new LinkedHashSet<>(properties.stringPropertyNames());
        String port = properties.getProperty("quarkus.http.port");
        if (port == null) {
            throw new IllegalStateException(module + " sets no quarkus.http.port");
        }
        return new ServiceModule(module, Integer.parseInt(port.trim()), properties.getProperty("mentoring.database"),
                names, keys, quarkusExtensions(dir));
    }

    /** The parent every domain service inherits its dependencies and build from. */
    static final Path SERVICE_PARENT = Path.of("service-parent", "pom.xml");

    /**
     * The module's pom, and the service parent's when the module inherits from it: what the module depends on is
     * declared in both. (The root pom is left out: its dependencyManagement names what modules may use, not what they do.)
     */
    static String poms(Path dir) {
        try {
            String pom = Files.readString(dir.resolve("pom.xml"));
            boolean service = Pattern.compile("<parent>\\s*<groupId>org\\.mentoring</groupId>\\s*<artifactId>service-parent</artifactId>")
                    .matcher(pom).find();
            return service ? pom + "\n" + Files.readString(DeployFiles.REPO.resolve(SERVICE_PARENT)) : pom;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Quarkus extensions the module depends on: mailer for io.quarkus:quarkus-mailer, and so on. */
    private static Set<String> quarkusExtensions(Path dir) {
        Matcher matcher = Pattern.compile("<groupId>io\\.quarkus</groupId>\\s*<artifactId>quarkus-([a-z0-9-]+)</artifactId>")
                .matcher(poms(dir));
        Set<String> extensions = new LinkedHashSet<>();
        while (matcher.find()) {
            extensions.add(matcher.group(1));
        }
        return extensions;
    }

    /** Whether the module depends on org.mentoring:platform (and so reads its shared configuration). */
    private static boolean readsPlatformConfig(Path dir) {
        return Pattern.compile("<groupId>org\\.mentoring</groupId>\\s*<artifactId>platform</artifactId>")
                .matcher(poms(dir)).find();
    }

    /** The gateway's upstreams: the variables its gateway.upstreams.<name> properties read. */
    static Set<String> gatewayUpstreamVariables() {
        Matcher matcher = Pattern.compile("(?m)^gateway\\.upstreams\\.[a-z-]+\\s*=\\s*\\$\\{([A-Z][A-Z0-9_]*)[:}]")
                .matcher(DeployFiles.read(DeployFiles.REPO.resolve("gateway/src/main/resources/application.properties")));
        Set<String> names = new LinkedHashSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    boolean isGateway() {
        return module.equals("gateway");
    }

    /**
     * Whether the service reads this environment variable: a {@code ${NAME:...}} in its configuration, a
     * Quarkus name for a property its configuration sets (QUARKUS_HTTP_PORT for quarkus.http.port), or an
     * option of the JVM.
     */
    boolean reads(String name) {
        if (environment.contains(name) || JVM_ENVIRONMENT.contains(name)) {
            return true;
        }
        if (name.startsWith("QUARKUS_")) {
            String property = name.toLowerCase(Locale.ROOT).replace('_', '.');
            if (propertyKeys.contains(property)) {
                return true;
            }
            // An extension's own settings (QUARKUS_MAILER_USERNAME for quarkus-mailer) need not be set in the
            // module's configuration to be read.
            String[] parts = name.toLowerCase(Locale.ROOT).split("_");
            return parts.length > 2 && EXTENSION_SETTINGS.contains(parts[1]) && extensions.contains(parts[1]);
        }
        return false;
    }

    /** The image the images profile builds (and the manifests use, before an overlay moves it to a registry). */
    String image() {
        return "mentoring/" + module;
    }
}
