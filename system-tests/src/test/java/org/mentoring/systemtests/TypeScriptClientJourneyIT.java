package org.mentoring.systemtests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole journey through the generated TypeScript client ({@code typescript-client/journey.ts}, compiled by the
 * {@code typescript-client} profile before the ITs), run with node against Prism in front of the gateway: a programme
 * created (its Location followed) and opened, two applications (applying twice a typed 409 problem), both accepted, a
 * matching run, the proposal approved and accepted by both, the draft agreement edited with If-Match (a stale ETag a typed
 * 412 problem), proposed (its Location followed) and signed by both. Fails when the script exits non-zero or when Prism
 * saw any request or answer that breaks the committed API document. Only in the {@code typescript-client} profile.
 */
@EnabledIfSystemProperty(named = "typescript.journey", matches = ".+")
class TypeScriptClientJourneyIT {

    private static final String GATEWAY = System.getProperty("gateway.url", "http://localhost:8080");

    @Test
    void theTypeScriptClientGoesTheWholeJourneyWithinTheApiDocument() throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("typescript.journey"));
        assertThat(script).as("the compiled journey (tsc in the typescript-client profile)").isRegularFile();
        try (ValidatingProxy proxy = ValidatingProxy.start("typescript-client-journey", GATEWAY)) {
            Path output = Files.createTempFile("typescript-journey", ".log");
            ProcessBuilder node = new ProcessBuilder("node", script.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            node.environment().putAll(Map.of(
                    "API_URL", proxy.url(),
                    "GATEWAY_URL", GATEWAY,
                    "ADMIN_TOKEN", Keycloak.tokenFor(Journeys.ADMIN),
                    "MENTEE_TOKEN", Keycloak.tokenFor(Journeys.MENTEE),
                    "MENTOR_TOKEN", Keycloak.tokenFor(Journeys.MENTOR)));
            Process process = node.start();
            boolean ended = process.waitFor(5, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            System.out.println("node " + script.getFileName() + ":\n" + printed);
            assertThat(ended).as("the journey ended within 5 minutes:\n%s", printed).isTrue();
            assertThat(process.exitValue()).as("node's exit code; it printed:\n%s", printed).isZero();
            assertThat(printed).contains("journey completed");
            proxy.assertNoViolations();
        }
    }
}
