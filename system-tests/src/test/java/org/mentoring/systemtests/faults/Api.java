package org.mentoring.systemtests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The traffic's HTTP client: plain JDK HTTP/1.1 with timeouts, safe to share between the driver's threads. A request
 * that got no answer at all (connection refused, reset, timed out) has status -1; nothing is thrown.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body, String etag, String location) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * Worth sending again: no answer, the gateway or the service away or busy. A 500 too: a service whose database
         * refuses connections answers 500 today (the summary counts them).
         */
        boolean transientFailure() {
            return status < 0 || status == 429 || status >= 500;
        }

        String text(String field) {
            JsonNode node = body.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong transientFailures = new AtomicLong();
    /** Answers by status (-1: none), for the summary. */
    final java.util.concurrent.ConcurrentMap<Integer, AtomicLong> byStatus = new java.util.concurrent.ConcurrentHashMap<>();

    Api(String baseUrl) {
        this.base = URI.create(baseUrl);
    }

    private void count(int status) {
        byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status < 0 || status == 429 || status >= 500) {
            transientFailures.incrementAndGet();
        }
    }

    Answer get(String token, String path) {
        return send("GET", path, token, null, Map.of());
    }

    Answer post(String token, String path, Object body, Map<String, String> headers) {
        return send("POST", path, token, body, headers);
    }

    Answer send(String method, String path, String token, Object body, Map<String, String> headers) {
        sent.incrementAndGet();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(40))
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token);
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = MissingNode.getInstance();
            byte[] bytes = response.body();
            if (bytes != null && bytes.length > 0) {
                try {
                    json = JSON.readTree(bytes);
                } catch (IOException e) {
                    // not JSON: keep it missing
                }
            }
            Answer answer = new Answer(response.statusCode(), json, response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Location").orElse(null));
            count(answer.status());
            return answer;
        } catch (IOException e) {
            count(-1);
            return new Answer(-1, MissingNode.getInstance(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, MissingNode.getInstance(), null, null);
        }
    }
}
