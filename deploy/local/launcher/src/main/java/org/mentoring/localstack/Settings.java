package org.mentoring.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Everything the launcher reads from the environment, resolved once. */
final class Settings {

    /** One of the six Quarkus applications the stack runs, with how many replicas of it. */
    static final class ServiceDef {
        final String module;
        final String portVariable;
        /** The first replica's port; replica {@code i} (from 1) listens on {@code port + 10 * (i - 1)}. */
        final int port;
        /** The service's own database, or null (the gateway has none). */
        final String database;
        final int replicas;

        ServiceDef(String module, String portVariable, int port, String database, int replicas) {
            this.module = module;
            this.portVariable = portVariable;
            this.port = port;
            this.database = database;
            this.replicas = replicas;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        /** Its replicas: one named after the module, or {@code <module>-1} ... {@code <module>-n} when several. */
        List<Replica> instances() {
            List<Replica> all = new ArrayList<>();
            for (int i = 1; i <= replicas; i++) {
                all.add(new Replica(this, i));
            }
            return all;
        }
    }

    /** One process of a service: its own name (logs, PID file, control commands) and port. */
    static final class Replica {
        final ServiceDef service;
        final int index;
        final String name;
        final int port;

        Replica(ServiceDef service, int index) {
            this.service = service;
            this.index = index;
            this.name = service.replicas == 1 ? service.module : service.module + "-" + index;
            this.port = service.port + REPLICA_PORT_STEP * (index - 1);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** Distance between the ports of two replicas of a service (the base ports differ in their last digit). */
    static final int REPLICA_PORT_STEP = 10;
    static final int MAX_REPLICAS = 9;

    static final List<String> ALL_SERVICES = List.of(
            "applicants-service", "matching-service", "agreements-service", "sessions-service", "notifications-service",
            "gateway");
    static final List<String> DATABASES = List.of("applicants", "matching", "agreements", "sessions", "notifications");
    static final String REALM = "mentoring";

    final Map<String, String> env;
    final Path repo;
    final Path home;
    final Path logs;
    final Path data;

    final boolean externalPostgres;
    final String dbHost;
    final int dbPort;
    final String dbUser;
    final String dbPassword;

    final boolean externalKafka;
    final String kafkaBootstrap;
    final int kafkaPort;
    final int kafkaControllerPort;
    final int kafkaPartitions;

    final boolean externalKeycloak;
    final String keycloakUrl;
    final int keycloakPort;
    final String keycloakVersion;

    /** The mail server: GreenMail's SMTP in the supervisor unless QUARKUS_MAILER_HOST names another one. */
    final boolean externalSmtp;
    final int smtpPort;
    /** Where the received mails are read ({@code GET /mails}); only with the local mail server. */
    final int mailsPort;

    final int gatewayPort;
    final List<ServiceDef> services;

    final int upTimeoutSeconds;
    final int serviceTimeoutSeconds;
    final int keycloakTimeoutSeconds;
    final String serviceJavaOptions;
    final String keycloakHeapOptions;

    private Settings(Map<String, String> env) {
        this.env = env;
        this.repo = findRepo(env);
        String homeVariable = blankToNull(env.get("MENTORING_HOME"));
        this.home = (homeVariable == null ? repo.resolve(".local") : Paths.get(homeVariable))
                .toAbsolutePath().normalize();
        this.logs = home.resolve("logs");
        this.data = home.resolve("data");

        this.externalPostgres = blankToNull(env.get("DB_HOST")) != null;
        if (externalPostgres) {
            this.dbHost = env.get("DB_HOST").trim();
            this.dbPort = port(env, "DB_PORT", 5432);
            this.dbUser = valueOr(env, "DB_USER", "postgres");
            // The services run in the prod profile, where the database login has no default: ask for it here
            // rather than have every service stop at startup.
            this.dbPassword = blankToNull(env.get("DB_PASSWORD"));
            if (dbPassword == null) {
                throw new LauncherException("DB_PASSWORD is required with an external PostgreSQL (DB_HOST is set).");
            }
        } else {
            this.dbHost = "127.0.0.1";
            this.dbPort = port(env, "POSTGRES_PORT", 15432);
            this.dbUser = "postgres";
            this.dbPassword = "postgres";
        }

        this.kafkaPort = port(env, "KAFKA_PORT", 9092);
        this.kafkaControllerPort = port(env, "KAFKA_CONTROLLER_PORT", 9093);
        this.kafkaPartitions = count(env, "KAFKA_PARTITIONS", 4, 64);
        String bootstrap = blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS"));
        this.externalKafka = bootstrap != null;
        this.kafkaBootstrap = externalKafka ? bootstrap.trim() : "127.0.0.1:" + kafkaPort;

        this.keycloakPort = port(env, "KEYCLOAK_PORT", 8180);
        String keycloak = blankToNull(env.get("KEYCLOAK_URL"));
        this.externalKeycloak = keycloak != null;
        this.keycloakUrl = externalKeycloak ? stripTrailingSlash(keycloak.trim()) : "http://localhost:" + keycloakPort;
        this.keycloakVersion = buildProperty("keycloak.version");

        this.externalSmtp = blankToNull(env.get("QUARKUS_MAILER_HOST")) != null;
        this.smtpPort = port(env, "SMTP_PORT", 3025);
        this.mailsPort = port(env, "MAILS_PORT", 8025);

        this.gatewayPort = port(env, "GATEWAY_PORT", 8080);
        this.services = selectServices(env);

        this.upTimeoutSeconds = positive(env, "MENTORING_UP_TIMEOUT", 600);
        this.serviceTimeoutSeconds = positive(env, "MENTORING_SERVICE_TIMEOUT", 180);
        this.keycloakTimeoutSeconds = positive(env, "MENTORING_KEYCLOAK_TIMEOUT", 300);
        this.serviceJavaOptions = valueOr(env, "MENTORING_SERVICE_JAVA_OPTS", "-Xmx256m");
        this.keycloakHeapOptions = valueOr(env, "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    }

    static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** For tests: settings from the given variables instead of the process environment. */
    static Settings from(Map<String, String> env) {
        return new Settings(env);
    }

    // ---- derived values -------------------------------------------------------------------------------------

    String realmUrl() {
        return keycloakUrl + "/realms/" + REALM;
    }

    String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    /** Where a person reads the mails the local SMTP server received. */
    String mailsUrl() {
        return "http://127.0.0.1:" + mailsPort + MailBox.PATH;
    }

    boolean runsService(String module) {
        return services.stream().anyMatch(s -> s.module.equals(module));
    }

    /** Every process of every service, in start order (replicas of a service together). */
    List<Replica> instances() {
        List<Replica> all = new ArrayList<>();
        for (ServiceDef service : services) {
            all.addAll(service.instances());
        }
        return all;
    }

    /** Where the PID file of a part of the stack (a replica's name, kafka, keycloak) lives. */
    Path pidFile(String part) {
        return home.resolve("pids").resolve(part + ".pid");
    }

    /** Where control requests ({@code deploy/local/ctl}) are dropped for the supervisor. */
    Path controlDirectory() {
        return home.resolve("control");
    }

    Path pidFile() {
        return home.resolve("stack.pid");
    }

    Path stateFile() {
        return home.resolve("stack.state");
    }

    Path stackLog() {
        return logs.resolve("stack.log");
    }

    Path launcherDir() {
        return repo.resolve("deploy").resolve("local").resolve("launcher");
    }

    Path keycloakZip() {
        return launcherDir().resolve("target").resolve("keycloak")
                .resolve("keycloak-quarkus-dist-" + keycloakVersion + ".zip");
    }

    Path realmFile() {
        return repo.resolve("deploy").resolve("keycloak").resolve("mentoring-realm.json");
    }

    Path serviceJar(ServiceDef service) {
        return repo.resolve(service.module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** The ports this run will listen on, in start order, with what each is for. */
    List<PortUse> portsToUse() {
        List<PortUse> ports = new ArrayList<>();
        if (!externalPostgres) {
            ports.add(new PortUse(dbPort, "PostgreSQL", "POSTGRES_PORT"));
        }
        if (!externalKafka) {
            ports.add(new PortUse(kafkaPort, "Kafka", "KAFKA_PORT"));
            ports.add(new PortUse(kafkaControllerPort, "the Kafka controller", "KAFKA_CONTROLLER_PORT"));
        }
        if (!externalKeycloak) {
            ports.add(new PortUse(keycloakPort, "Keycloak", "KEYCLOAK_PORT"));
        }
        if (!externalSmtp) {
            ports.add(new PortUse(smtpPort, "the SMTP server", "SMTP_PORT"));
            ports.add(new PortUse(mailsPort, "the mails endpoint", "MAILS_PORT"));
        }
        for (Replica replica : instances()) {
            ports.add(new PortUse(replica.port, "the " + replica.name, replica.service.portVariable
                    + (replica.index == 1 ? "" : " (+" + REPLICA_PORT_STEP * (replica.index - 1) + " for replica "
                    + replica.index + ")")));
        }
        return ports;
    }

    static final class PortUse {
        final int port;
        final String purpose;
        final String variable;

        PortUse(int port, String purpose, String variable) {
            this.port = port;
            this.purpose = purpose;
            this.variable = variable;
        }
    }

    // ---- parsing ---------------------------------------------------------------------------------------------

    private List<ServiceDef> selectServices(Map<String, String> env) {
        String requested = env.get("MENTORING_SERVICES");
        Set<String> names = new LinkedHashSet<>();
        if (requested == null) {
            names.addAll(ALL_SERVICES);
        } else {
            for (String part : requested.split(",")) {
                String name = part.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!name.equals("gateway") && !name.endsWith("-service")) {
                    name = name + "-service";
                }
                if (!ALL_SERVICES.contains(name)) {
                    throw new LauncherException("MENTORING_SERVICES names an unknown service '" + part.trim()
                            + "': use " + String.join(", ", ALL_SERVICES) + ".");
                }
                names.add(name);
            }
        }
        List<ServiceDef> selected = new ArrayList<>();
        for (String name : ALL_SERVICES) {
            if (names.contains(name)) {
                selected.add(define(env, name));
            }
        }
        return Collections.unmodifiableList(selected);
    }

    private static ServiceDef define(Map<String, String> env, String module) {
        if (module.equals("gateway")) {
            return new ServiceDef(module, "GATEWAY_PORT", port(env, "GATEWAY_PORT", 8080), null, 1);
        }
        String prefix = variablePrefix(module);
        int defaultPort;
        switch (module) {
            case "applicants-service":
                defaultPort = 8081;
                break;
            case "matching-service":
                defaultPort = 8082;
                break;
            case "agreements-service":
                defaultPort = 8083;
                break;
            case "sessions-service":
                defaultPort = 8084;
                break;
            default:
                defaultPort = 8085;
        }
        int replicas = count(env, prefix + "_REPLICAS", count(env, "MENTORING_REPLICAS", 1, MAX_REPLICAS),
                MAX_REPLICAS);
        return new ServiceDef(module, prefix + "_PORT", port(env, prefix + "_PORT", defaultPort),
                module.substring(0, module.indexOf('-')), replicas);
    }

    /** APPLICANTS for applicants-service: the start of its variables' names. */
    static String variablePrefix(String module) {
        int dash = module.indexOf('-');
        return (dash < 0 ? module : module.substring(0, dash)).toUpperCase(java.util.Locale.ROOT);
    }

    /** The service as it would run (port, replicas) even when MENTORING_SERVICES leaves it out. */
    ServiceDef definition(String module) {
        return services.stream().filter(s -> s.module.equals(module)).findFirst().orElseGet(() -> define(env, module));
    }

    private static Path findRepo(Map<String, String> env) {
        String configured = System.getProperty("mentoring.repo");
        if (configured == null || configured.isBlank()) {
            configured = env.get("MENTORING_REPO");
        }
        Path repo;
        if (configured != null && !configured.isBlank()) {
            repo = Paths.get(configured);
        } else {
            try {
                // <repo>/deploy/local/launcher/target/(local-stack.jar | classes)
                Path location = Paths.get(Settings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                repo = location.getParent().getParent().getParent().getParent().getParent();
            } catch (URISyntaxException | NullPointerException e) {
                throw new LauncherException("Cannot tell where the repository is: run deploy/local/up.");
            }
        }
        repo = repo.toAbsolutePath().normalize();
        if (!Files.isRegularFile(repo.resolve("pom.xml")) || !Files.isDirectory(repo.resolve("deploy"))) {
            throw new LauncherException("Cannot find the repository at " + repo + ": run deploy/local/up.");
        }
        return repo;
    }

    private static String buildProperty(String name) {
        Properties properties = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("/local-stack.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new LauncherException("Cannot read local-stack.properties from the launcher jar: " + e.getMessage());
        }
        String value = properties.getProperty(name);
        if (value == null || value.contains("${")) {
            throw new LauncherException("The launcher jar lacks '" + name + "': rebuild it with ./mvnw install.");
        }
        return value.trim();
    }

    static int port(Map<String, String> env, String variable, int fallback) {
        String value = blankToNull(env.get(variable));
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LauncherException(variable + " must be a port number (1-65535), not '" + value + "'.");
    }

    private static int positive(Map<String, String> env, String variable, int fallback) {
        String value = blankToNull(env.get(variable));
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LauncherException(variable + " must be a number of seconds, not '" + value + "'.");
    }

    private static int count(Map<String, String> env, String variable, int fallback, int max) {
        String value = blankToNull(env.get(variable));
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LauncherException(variable + " must be a number from 1 to " + max + ", not '" + value + "'.");
    }

    private static String valueOr(Map<String, String> env, String variable, String fallback) {
        String value = env.get(variable);
        return value == null ? fallback : value;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
