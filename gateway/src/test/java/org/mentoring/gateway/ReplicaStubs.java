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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Two replicas of a service, {@code replica-a} and {@code replica-b}, each answering with its name (header
 * {@code X-Replica} and a JSON echo of method and body length). Upstream {@code duo} has both (route
 * {@code /api/v1/duo}); upstream {@code half} has a replica that refuses connections first, then {@code replica-a}
 * (route {@code /api/v1/half}). Used next to {@link StubUpstreams}, which serves the key set.
 */
public class ReplicaStubs implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<HttpServer> servers = new ArrayList<>();
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        executor = Executors.newFixedThreadPool(4);
        try {
            int a = serve("replica-a");
            int b = serve("replica-b");
            int closed;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            }
            Map<String, String> config = new LinkedHashMap<>();
            config.put("gateway.upstreams.duo", "http://127.0.0.1:" + a + ",http://127.0.0.1:" + b);
            config.put("gateway.upstreams.half", "http://127.0.0.1:" + closed + ",http://127.0.0.1:" + a);
            config.put("gateway.routes[92].path", "/api/v1/duo");
            config.put("gateway.routes[92].upstream", "duo");
            config.put("gateway.routes[93].path", "/api/v1/half");
            config.put("gateway.routes[93].upstream", "half");
            return config;
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("Cannot start the replica stubs", e);
        }
    }

    private int serve(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(name, exchange));
        server.setExecutor(executor);
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static void answer(String name, HttpExchange exchange) throws IOException {
        try (exchange) {
            long length = 0;
            try (InputStream body = exchange.getRequestBody()) {
                length = body.readAllBytes().length;
            }
            byte[] response = JSON.writeValueAsBytes(Map.of("replica", name, "method", exchange.getRequestMethod(),
                    "bodyLength", length));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Replica", name);
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
        servers.clear();
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
