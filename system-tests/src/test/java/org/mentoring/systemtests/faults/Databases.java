package org.mentoring.systemtests.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The stack's PostgreSQL, read directly for the invariants (each service's own database) and steered for the
 * database faults (as superuser, through the {@code postgres} database). A fresh connection per call: the faults
 * terminate sessions. The event latency harness reads it too.
 */
public final class Databases {

    static final List<String> ALL = List.of("applicants", "matching", "agreements", "sessions");

    private final String host;
    private final int port;

    public Databases(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public Connection open(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "postgres");
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "20");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    /**
     * A query's rows as lists of column values; the parameters are bound in order (a collection as an array: of
     * strings as text[], else uuid[]).
     */
    public List<List<Object>> rows(String database, String sql, Object... parameters) throws SQLException {
        try (Connection connection = open(database); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof Collection<?> values) {
                    boolean text = !values.isEmpty() && values.iterator().next() instanceof String;
                    Array array = connection.createArrayOf(text ? "text" : "uuid", values.toArray());
                    statement.setArray(i + 1, array);
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The first column of each row as UUIDs. */
    List<UUID> ids(String database, String sql, Object... parameters) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (List<Object> row : rows(database, sql, parameters)) {
            ids.add((UUID) row.get(0));
        }
        return ids;
    }

    long count(String database, String sql, Object... parameters) throws SQLException {
        return ((Number) rows(database, sql, parameters).get(0).get(0)).longValue();
    }

    boolean tableExists(String database, String table) throws SQLException {
        return count(database, "select count(*) from information_schema.tables where table_name = ?", table) > 0;
    }

    /**
     * The database fault: no new connection to {@code database} is allowed and every open one is terminated, until
     * {@link #allowConnections(String)}.
     */
    void refuseConnections(String database) throws SQLException {
        try (Connection connection = open("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("alter database \"" + database + "\" with allow_connections false");
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                    + "' and pid <> pg_backend_pid()");
        }
    }

    void allowConnections(String database) throws SQLException {
        try (Connection connection = open("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("alter database \"" + database + "\" with allow_connections true");
        }
    }
}
