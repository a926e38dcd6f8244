package org.mentoring.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * PostgreSQL: an external server when DB_HOST is set, otherwise a real PostgreSQL from the zonky binaries, its data
 * directory kept between runs.
 */
final class Postgres {

    private final EmbeddedPostgres embedded;

    private Postgres(EmbeddedPostgres embedded) {
        this.embedded = embedded;
    }

    /**
     * Starts the embedded server. Zonky runs initdb only when the data directory has no postgresql.conf (with
     * cleanDataDirectory off), so a second run finds its databases again.
     */
    static Postgres startEmbedded(Settings settings) throws StartFailure {
        Path log = settings.logs.resolve("postgres.log");
        Path dataDirectory = settings.data.resolve("postgres");
        Path binaries = settings.home.resolve("pg");
        try {
            Files.createDirectories(binaries);
            prepareDataDirectory(dataDirectory);
            Files.deleteIfExists(log);
            // Zonky's working folder (it also looks there for stale data directories): keep it out of /tmp.
            System.setProperty("ot.epg.working-dir", binaries.toString());
            ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(log.toFile());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(settings.dbPort)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(output)
                    .setErrorRedirector(output)
                    .start();
            return new Postgres(postgres);
        } catch (IOException | RuntimeException e) {
            throw new StartFailure("PostgreSQL did not start: " + e.getMessage(), log, e);
        }
    }

    /** A data directory without postgresql.conf is a failed initdb: nothing in it can be used, and initdb needs it empty. */
    private static void prepareDataDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory) && !Files.exists(directory.resolve("postgresql.conf"))) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    Log.info("Removing the incomplete PostgreSQL data directory " + directory);
                    try (Stream<Path> tree = Files.walk(directory)) {
                        for (Path path : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                            Files.delete(path);
                        }
                    }
                }
            }
        }
        Files.createDirectories(directory);
    }

    void stop() {
        try {
            embedded.close();
            Log.info("Stopped PostgreSQL");
        } catch (IOException e) {
            Log.error("Stopping PostgreSQL failed", e);
        }
    }

    /**
     * Creates the services' databases that do not exist yet. An external server may take a while to answer, and its
     * user may lack the right to create databases (then they must exist already).
     */
    static void createDatabases(Settings settings, Duration patience) throws StartFailure {
        String url = "jdbc:postgresql://" + settings.dbHost + ":" + settings.dbPort + "/postgres";
        Properties properties = new Properties();
        properties.setProperty("user", settings.dbUser);
        properties.setProperty("password", settings.dbPassword);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        long deadline = System.nanoTime() + patience.toNanos();
        SQLException last;
        while (true) {
            try (Connection connection = DriverManager.getConnection(url, properties)) {
                createMissing(connection, Settings.DATABASES);
                return;
            } catch (SQLException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            sleep(1000);
        }
        throw new StartFailure("Cannot connect to PostgreSQL at " + settings.dbHost + ":" + settings.dbPort
                + " as " + settings.dbUser + ": " + last.getMessage(),
                settings.externalPostgres ? settings.stackLog() : settings.logs.resolve("postgres.log"), last);
    }

    private static void createMissing(Connection connection, List<String> databases) throws SQLException {
        for (String database : databases) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet result = query.executeQuery()) {
                    exists = result.next();
                }
            }
            if (exists) {
                Log.info("Database " + database + " exists");
                continue;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database + "\"");
                Log.info("Created database " + database);
            } catch (SQLException e) {
                Log.info("Could not create database " + database + " (" + e.getMessage()
                        + "): the service will fail unless it exists");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
