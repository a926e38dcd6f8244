package org.mentoring.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * The load stack outside the measured traffic: its Keycloak (admin API: a cheap password hash and long-lived tokens
 * for the run, the participants and admins of the run, their tokens), the programme set up through the gateway, and
 * its PostgreSQL (one server, a database per service) read after the run.
 */
final class Stack {

    static final String GATEWAY = System.getProperty("gateway.url", "http://localhost:18080");
    static final String KEYCLOAK = System.getProperty("keycloak.url", "http://localhost:18180");
    static final String REALM = "mentoring";
    static final String PASSWORD = "demo";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Stack() {
    }

    /** One person of the run: Keycloak username, token and token subject. */
    record Person(String username, String token, String subject) {
    }

    // ---- Keycloak ---------------------------------------------------------------------------------------------------

    static String masterAdminToken() {
        JsonNode body = form(KEYCLOAK + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"), null);
        return body.get("access_token").asText();
    }

    /**
     * For the load stack only: PBKDF2 with one iteration instead of Keycloak's default (a login costs about 100 ms of CPU
     * otherwise, which would measure Keycloak, not us) and tokens that outlive the run.
     */
    static void cheapHashesAndLongTokens(String admin) {
        send("PUT", KEYCLOAK + "/admin/realms/" + REALM, admin, Map.of(
                "passwordPolicy", "hashIterations(1)",
                "accessTokenLifespan", 36000,
                "ssoSessionIdleTimeout", 36000,
                "ssoSessionMaxLifespan", 36000), 204);
    }

    /** Creates the users in batches through the realm's partial import, each with the one realm role. */
    static void createUsers(String admin, List<String> usernames, String role) {
        for (int from = 0; from < usernames.size(); from += 500) {
            List<Map<String, Object>> users = new ArrayList<>();
            for (String username : usernames.subList(from, Math.min(usernames.size(), from + 500))) {
                users.add(Map.of(
                        "username", username,
                        "enabled", true,
                        "emailVerified", true,
                        "firstName", "Load",
                        "lastName", "Tester",
                        "email", username + "@example.org",
                        "realmRoles", List.of(role),
                        "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
            }
            send("POST", KEYCLOAK + "/admin/realms/" + REALM + "/partialImport", admin,
                    Map.of("ifResourceExists", "SKIP", "users", users), 200);
        }
    }

    /** Tokens of these users (password grant of the public client), eight logins at a time. */
    static List<Person> signIn(List<String> usernames) {
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<Person>> people = new ArrayList<>();
        for (String username : usernames) {
            inFlight.acquireUninterruptibly();
            people.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return person(username, passwordToken(username));
                } finally {
                    inFlight.release();
                }
            }));
        }
        return people.stream().map(CompletableFuture::join).collect(Collectors.toList());
    }

    static String passwordToken(String username) {
        return form(KEYCLOAK + "/realms/" + REALM + "/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "mentoring-web", "username", username, "password", PASSWORD), null)
                .get("access_token").asText();
    }

    static String hrToken() {
        String basic = Base64.getEncoder().encodeToString("mentoring-hr:hr-integration-secret".getBytes(StandardCharsets.UTF_8));
        return form(KEYCLOAK + "/realms/" + REALM + "/protocol/openid-connect/token", Map.of("grant_type", "client_credentials"), basic)
                .get("access_token").asText();
    }

    static Person person(String username, String token) {
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            return new Person(username, token, claims.get("sub").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the programme, through the gateway ---------------------------------------------------------------------------

    /** A new OPEN programme of {@code owner} with these co-admins on its team. */
    static String openProgramme(Person owner, List<Person> coAdmins, String name) {
        HttpResponse<String> created = request("POST", GATEWAY + "/api/v1/programmes", owner.token(), Map.of("name", name,
                "topics", List.of(Map.of("code", "ai-tools", "label", "AI tools"), Map.of("code", "social-media", "label", "Social media"))),
                null, 201);
        String id = read(created.body()).get("id").asText();
        String etag = request("GET", GATEWAY + "/api/v1/programmes/" + id, owner.token(), null, null, 200).headers()
                .firstValue("ETag").orElseThrow();
        request("PUT", GATEWAY + "/api/v1/programmes/" + id + "/team", owner.token(), Map.of("owners", List.of(owner.subject()),
                "coAdmins", coAdmins.stream().map(Person::subject).toList()), etag, 200);
        etag = request("GET", GATEWAY + "/api/v1/programmes/" + id, owner.token(), null, null, 200).headers()
                .firstValue("ETag").orElseThrow();
        request("POST", GATEWAY + "/api/v1/programmes/" + id + "/transitions", owner.token(), Map.of("to", "OPEN"), etag, 200);
        return id;
    }

    // ---- HTTP -------------------------------------------------------------------------------------------------------

    private static JsonNode form(String url, Map<String, String> fields, String basic) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (basic != null) {
            builder.header("Authorization", "Basic " + basic);
        }
        HttpResponse<String> response = exchange(builder.build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    private static void send(String method, String url, String token, Object body, int expected) {
        request(method, url, token, body, null, expected);
    }

    static HttpResponse<String> request(String method, String url, String token, Object body, String ifMatch, int expected) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            if (ifMatch != null) {
                builder.header("If-Match", ifMatch);
            }
            HttpResponse<String> response = exchange(builder.build());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- PostgreSQL -------------------------------------------------------------------------------------------------

    static Connection database(String name) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "postgres");
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + Integer.getInteger("stack.db.port", 25432) + "/" + name,
                properties);
    }

    static List<Object[]> rows(String database, String sql, Object... parameters) throws SQLException {
        try (Connection connection = database(database); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = result.getObject(c + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
