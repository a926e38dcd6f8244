package org.mentoring.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file protocol between deploy/local/ctl and the supervisor. */
class ControlTest {

    @TempDir
    Path directory;

    @Test
    void aRequestIsTakenOnceAndItsAnswerReachesTheRequester() throws Exception {
        String id = Control.submit(directory, "kill", "matching-service-2");
        List<Control.Request> taken = Control.takeRequests(directory);
        assertEquals(1, taken.size());
        assertEquals("kill", taken.get(0).verb);
        assertEquals("matching-service-2", taken.get(0).part);
        assertTrue(Control.takeRequests(directory).isEmpty(), "taken requests are gone");

        CompletableFuture<Control.Result> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return Control.awaitResult(directory, id, 5_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Control.answer(directory, taken.get(0), Control.Result.ok("matching-service-2 killed (pid 42)"));
        Control.Result result = waiting.get();
        assertTrue(result.ok);
        assertEquals("matching-service-2 killed (pid 42)", result.message);
        try (var left = Files.list(directory)) {
            assertEquals(0, left.count(), "the answer is removed once read");
        }
    }

    @Test
    void aMalformedRequestIsAnsweredWithAFailureAndNoAnswerMeansNull() throws Exception {
        Files.writeString(directory.resolve("x.request"), "start\n");
        assertTrue(Control.takeRequests(directory).isEmpty());
        Control.Result result = Control.awaitResult(directory, "x", 1_000);
        assertFalse(result.ok);
        assertNull(Control.awaitResult(directory, "nobody", 200));
    }
}
