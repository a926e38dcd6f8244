package org.mentoring.systemtests;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Stoplight Prism in proxy mode between a client and the gateway: every request and every answer is checked against the
 * committed API document ({@code contracts/openapi/mentoring-api.json}). Started with {@code --errors}, so a violation
 * never passes through: an invalid request is refused with 422 (never forwarded), an answer that does not match the
 * document becomes a 500 {@code application/problem+json} whose {@code validation} list (and {@code sl-violations} header)
 * says what was wrong. Prism's own log (in {@code target/prism/<name>.log}) marks each such exchange with
 * {@code ✖  error}; {@link #assertNoViolations()} fails with those lines.
 * <p>
 * Prism comes from npm ({@code typescript-client/package.json}), so it is there only in the {@code typescript-client}
 * profile, which passes its path as {@code validating.proxy.prism}; {@link #available()} tells whether it is.
 * {@code -Dvalidating.proxy.errors=false} leaves {@code --errors} out, for diagnosis only: answers then pass through with
 * their violations listed one per line in the log (and in {@code sl-violations}), so that one run shows all of them;
 * {@link #assertNoViolations()} still fails on any.
 */
final class ValidatingProxy implements AutoCloseable {

    private static final String PRISM = System.getProperty("validating.proxy.prism", "");
    private static final String DOCUMENT = System.getProperty("api.document", "");
    private static final boolean ERRORS = !"false".equals(System.getProperty("validating.proxy.errors"));
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final String url;

    private ValidatingProxy(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Whether Prism is installed (profile typescript-client) and the committed document is known. */
    static boolean available() {
        return !PRISM.isBlank() && Files.isExecutable(Path.of(PRISM)) && !DOCUMENT.isBlank() && Files.isRegularFile(Path.of(DOCUMENT));
    }

    /** Starts Prism on a free port in front of {@code upstream}; returns once it listens. {@code name} names its log. */
    static ValidatingProxy start(String name, String upstream) {
        if (!available()) {
            throw new IllegalStateException("Prism not found (validating.proxy.prism=" + PRISM + ", api.document=" + DOCUMENT
                    + "): run with -Ptypescript-client, which installs it with npm");
        }
        int port = freePort();
        try {
            Path dir = Path.of(System.getProperty("stack.home", "target/stack")).resolveSibling("prism");
            Files.createDirectories(dir);
            Path log = dir.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(PRISM, "proxy", DOCUMENT, upstream,
                    "--host", "127.0.0.1", "--port", Integer.toString(port)));
            if (ERRORS) {
                command.add("--errors");
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ValidatingProxy proxy = new ValidatingProxy(process, log, "http://127.0.0.1:" + port);
            proxy.awaitListening();
            System.out.println("Validating proxy (Prism" + (ERRORS ? ", --errors" : ", without --errors") + ") on "
                    + proxy.url + " in front of " + upstream + ", checking " + DOCUMENT + "; log: " + log);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The proxy's base URL: what a client uses instead of the gateway's. */
    String url() {
        return url;
    }

    /** Prism's lines about exchanges that broke the document (empty when all matched). */
    List<String> violations() {
        return logLines().stream().filter(line -> line.contains("✖")).toList();
    }

    /** Fails with Prism's error lines when any request or answer did not match the document. */
    void assertNoViolations() {
        List<String> violations = violations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " exchange(s) through the validating proxy broke the API document "
                    + "(the client's failure shows Prism's validation list; " + log + " has the whole log):\n"
                    + String.join("\n", violations));
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() {
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Prism ended (exit " + process.exitValue() + ") before listening:\n" + tail());
                }
                return logLines().stream().anyMatch(line -> line.contains("Prism is listening on"));
            });
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException("Prism did not listen within " + STARTUP + ":\n" + tail(), e);
        }
    }

    private String tail() {
        List<String> lines = logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private List<String> logLines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<ValidatingProxy> startIfAvailable(String name, String upstream) {
        return available() ? Optional.of(start(name, upstream)) : Optional.empty();
    }
}
