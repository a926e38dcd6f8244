package org.mentoring.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for the services: one plain JDK HTTP server per upstream name, each answering with a JSON echo of
 * what it received (which upstream it is, method, path, query, body length and SHA-256, and the headers the
 * gateway is meant to relay or add). A path ending in {@code /slow} answers after {@link #SLOW_MILLIS}; one
 * ending in {@code /large} answers with {@link #LARGE_BYTES} bytes. The {@value #DOWN} upstream points at a
 * port nobody listens on. The {@code flaky} upstream (a test-only route, {@code /api/v1/flaky}) has its own
 * circuit breaker to trip. A further server plays the identity provider's certs endpoint: it serves the
 * public key of {@code TestTokens} as a JWKS, so token verification takes the production path (remote JWKS
 * fetched over HTTP). {@code /q/openapi} answers with the small documents of {@link StubOpenApi}; the calls of the
 * programme report and of the export get the parts of {@link StubReports} and {@link StubExports}, and the access
 * log's calls those of {@link StubAccessLogs}.
 */
public class StubUpstreams implements QuarkusTestResourceLifecycleManager {

    public static final String DOWN = "agreements";
    public static final long SLOW_MILLIS = 3_000;
    public static final int LARGE_BYTES = 1024 * 1024;

    public static final String TEST_KID = "test-key";
    public static final String ROTATED_KID = "rotated-key";
    /**
     * Set by {@link #rotateKeys()}. A system property rather than a static field: a test on its own profile runs
     * in a class loader of its own, and would otherwise flip a different copy of this class than the stub's.
     */
    private static final String ROTATED_PROPERTY = "mentoring.test.jwks.rotated";

    /** Counts of the slow requests each upstream received; system properties for the same reason as above. */
    private static final String SLOW_RECEIVED_PREFIX = "mentoring.test.stub.slow-received.";

    private static final String CERTS_PATH = "/realms/test/protocol/openid-connect/certs";
    private static final List<String> LIVE = List.of("applicants", "matching", "sessions", "notifications", "flaky");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HttpServer> servers = new ArrayList<>();
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        executor = Executors.newFixedThreadPool(8);
        Map<String, String> config = new LinkedHashMap<>();
        try {
            for (String name : LIVE) {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/", exchange -> answer(name, exchange));
                server.setExecutor(executor);
                server.start();
                servers.add(server);
                config.put("gateway.upstreams." + name, "http://127.0.0.1:" + server.getAddress().getPort());
            }
            config.put("gateway.upstreams." + DOWN, "http://127.0.0.1:" + closedPort());

            System.clearProperty(ROTATED_PROPERTY);
            Map<String, String> testKey = testPublicKeyAsJwk();
            Map<String, String> rotatedKey = jwk(publicKeyOf(rotatedSigningKey()), ROTATED_KID);
            HttpServer certs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            certs.createContext(CERTS_PATH, exchange -> {
                byte[] jwks = JSON.writeValueAsBytes(Map.of("keys",
                        Boolean.getBoolean(ROTATED_PROPERTY) ? List.of(testKey, rotatedKey) : List.of(testKey)));
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                }
            });
            certs.setExecutor(executor);
            certs.start();
            servers.add(certs);
            config.put("mp.jwt.verify.publickey.location",
                    "http://127.0.0.1:" + certs.getAddress().getPort() + CERTS_PATH);
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("Cannot start the stub upstreams", e);
        }
        return config;
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
        servers.clear();
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static void answer(String name, HttpExchange exchange) throws IOException {
        try (exchange) {
            long length = 0;
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream body = exchange.getRequestBody()) {
                byte[] chunk = new byte[16 * 1024];
                for (int n; (n = body.read(chunk)) > 0; ) {
                    sha256.update(chunk, 0, n);
                    length += n;
                }
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/q/openapi")) {
                byte[] document = StubOpenApi.of(name).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, document.length);
                exchange.getResponseBody().write(document);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            var report = StubReports.answer(name, path, authorization).or(() -> StubExports.answer(name, path, authorization))
                    .or(() -> StubAccessLogs.answer(name, exchange.getRequestURI(), authorization));
            if (report.isPresent()) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(report.get().status(), report.get().body().length);
                exchange.getResponseBody().write(report.get().body());
                return;
            }
            if (path.endsWith("/slow")) {
                System.getProperties().merge(SLOW_RECEIVED_PREFIX + name, "1",
                        (count, one) -> Integer.toString(Integer.parseInt((String) count) + 1));
                Thread.sleep(SLOW_MILLIS); // the upstream being slow, which is what the gateway's timeouts are tested against
            }
            byte[] response;
            if (path.endsWith("/large")) {
                response = "x".repeat(LARGE_BYTES).getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
            } else {
                Map<String, Object> echo = new LinkedHashMap<>();
                echo.put("upstream", name);
                echo.put("method", exchange.getRequestMethod());
                echo.put("path", path);
                echo.put("query", exchange.getRequestURI().getRawQuery());
                echo.put("bodyLength", length);
                echo.put("bodySha256", HexFormat.of().formatHex(sha256.digest()));
                for (String header : List.of("Authorization", "X-Request-Id", "X-Forwarded-For", "X-Forwarded-Proto",
                        "X-Forwarded-Host", "Host", "traceparent", "tracestate")) {
                    echo.put(header, exchange.getRequestHeaders().getFirst(header));
                }
                response = JSON.writeValueAsBytes(echo);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.getResponseHeaders().set("X-Upstream", name);
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many requests for a {@code /slow} path upstream {@code name} has received since the JVM started. */
    public static int slowRequestsReceived(String name) {
        return Integer.parseInt(System.getProperty(SLOW_RECEIVED_PREFIX + name, "0"));
    }

    /**
     * The identity provider rotates in a second signing key: from now on the key set also holds the public half
     * of {@link #rotatedSigningKey()} as {@value #ROTATED_KID}. Reset whenever the stubs start.
     */
    public static void rotateKeys() {
        System.setProperty(ROTATED_PROPERTY, "true");
    }

    /** The signing key rotated in: test-support's second ("stranger") key, so every class loader has the same. */
    public static PrivateKey rotatedSigningKey() {
        try (InputStream in = StubUpstreams.class.getClassLoader()
                .getResourceAsStream("test-keys/strangerPrivateKey.pem")) {
            if (in == null) {
                throw new IOException("test-keys/strangerPrivateKey.pem is not on the test class path");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable rotated test key", e);
        }
    }

    private static RSAPublicKey publicKeyOf(PrivateKey key) {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> jwk(RSAPublicKey key, String kid) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", kid,
                "n", url.encodeToString(unsigned(key.getModulus())),
                "e", url.encodeToString(unsigned(key.getPublicExponent())));
    }

    /** The RSA public key that verifies {@code TestTokens}' signatures, as a JSON Web Key. */
    private static Map<String, String> testPublicKeyAsJwk() throws IOException {
        try (InputStream in = StubUpstreams.class.getClassLoader().getResourceAsStream("test-keys/publicKey.pem")) {
            if (in == null) {
                throw new IOException("test-keys/publicKey.pem is not on the test class path");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return jwk(key, TEST_KID);
        } catch (GeneralSecurityException e) {
            throw new IOException("Unreadable test public key", e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /** A port that was free a moment ago and that nobody listens on now. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
