package org.mentoring.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak from its Maven Central distribution, unzipped once into MENTORING_HOME/keycloak and run in dev mode, with
 * the realm imported on its first start (its H2 database keeps it afterwards).
 */
final class Keycloak {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin";

    private Keycloak() {
    }

    static Path installation(Settings settings) {
        return settings.home.resolve("keycloak").resolve("keycloak-" + settings.keycloakVersion);
    }

    /** Unzips the distribution unless an earlier run did; returns the Keycloak home. */
    static Path install(Settings settings) throws StartFailure {
        Path target = installation(settings);
        if (Files.isRegularFile(target.resolve("bin").resolve("kc.sh"))) {
            return target;
        }
        Path zip = settings.keycloakZip();
        if (!Files.isRegularFile(zip)) {
            throw new StartFailure("The Keycloak distribution is missing (" + zip + "): build the launcher with"
                    + " ./mvnw install -pl deploy/local/launcher -am", settings.stackLog());
        }
        Path unpack = target.resolveSibling(".unpack-" + ProcessHandle.current().pid());
        try {
            long start = System.nanoTime();
            deleteTree(unpack);
            Files.createDirectories(unpack);
            unzip(zip, unpack);
            Path root = unpack.resolve("keycloak-" + settings.keycloakVersion);
            if (!Files.isDirectory(root)) {
                throw new IOException("the zip has no keycloak-" + settings.keycloakVersion + " folder");
            }
            deleteTree(target);
            Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(unpack);
            Log.info(String.format("Unpacked Keycloak into %s in %.1f s", target, (System.nanoTime() - start) / 1e9));
            return target;
        } catch (IOException e) {
            throw new StartFailure("Cannot unpack Keycloak into " + target + ": " + e.getMessage(),
                    settings.stackLog(), e);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Path base = into.toAbsolutePath().normalize();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path path = base.resolve(entry.getName()).normalize();
                if (!path.startsWith(base)) {
                    throw new IOException("unsafe entry " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (entry.getName().endsWith(".sh")) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    /** Starts Keycloak in dev mode on the configured port; the caller waits for the realm to answer. */
    static ChildProcess start(Settings settings, Path keycloakHome, String javaHome) throws StartFailure {
        Path log = settings.logs.resolve("keycloak.log");
        try {
            Path importFolder = keycloakHome.resolve("data").resolve("import");
            Files.createDirectories(importFolder);
            Files.copy(settings.realmFile(), importFolder.resolve("mentoring-realm.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path script = keycloakHome.resolve("bin").resolve("kc.sh");
            script.toFile().setExecutable(true, false);
            List<String> command = new ArrayList<>(List.of(
                    script.toString(),
                    "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + settings.keycloakPort,
                    // A fixed hostname: the issuer is always http://localhost:<port>/realms/mentoring.
                    "--hostname=http://localhost:" + settings.keycloakPort,
                    "--import-realm",
                    "--health-enabled=false",
                    "--metrics-enabled=false"));
            Map<String, String> environment = new HashMap<>();
            environment.put("JAVA_HOME", javaHome);
            environment.put("JAVA_OPTS_KC_HEAP", settings.keycloakHeapOptions);
            // Only used when the master realm is created, that is on the very first start.
            environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            return ChildProcess.start("Keycloak", command, keycloakHome, environment, log);
        } catch (IOException e) {
            throw new StartFailure("Keycloak did not start: " + e.getMessage(), log, e);
        }
    }

    /**
     * Keycloak imports a realm only when it does not exist yet. Returns a warning when the realm file differs from
     * the one imported first, or null.
     */
    static String realmChangeWarning(Settings settings, Path keycloakHome) {
        try {
            Path marker = keycloakHome.resolve("data").resolve("imported-realm.sha256");
            String current = sha256(settings.realmFile());
            if (!Files.exists(marker)) {
                Files.writeString(marker, current);
                return null;
            }
            if (Files.readString(marker).trim().equals(current)) {
                return null;
            }
            return "deploy/keycloak/mentoring-realm.json changed since Keycloak imported it; Keycloak never"
                    + " re-imports a realm: delete " + keycloakHome.getParent() + " to import it again.";
        } catch (IOException e) {
            return null;
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
