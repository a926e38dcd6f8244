package org.mentoring.localstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path directory;

    /** Children get SIGTERM when their forking thread ends (parent-death signal): a control thread's end must not. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aChildOutlivesTheThreadThatAskedForItAndDiesWhenKilled() throws Exception {
        AtomicReference<ChildProcess> started = new AtomicReference<>();
        Thread asking = new Thread(() -> {
            try {
                started.set(ChildProcess.start("sleeper", List.of("sleep", "30"), directory, Map.of(),
                        directory.resolve("sleeper.log")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        asking.start();
        asking.join();
        ChildProcess child = started.get();
        long until = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < until) {
            assertTrue(child.isAlive(), "the child died with the thread that started it");
            Thread.sleep(100);
        }
        child.kill();
        assertFalse(child.isAlive());
    }

    /** A child inherits the launcher's environment, less what it is told to drop, plus what it is given. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aChildGetsTheLaunchersEnvironmentWithoutTheVariablesItMustNotSee() throws Exception {
        assumeTrue(System.getenv("HOME") != null && System.getenv("PATH") != null);
        Path log = directory.resolve("env.log");
        ChildProcess child = ChildProcess.start("env", List.of("env"), directory, Map.of("GIVEN", "yes"),
                Set.of("HOME"), log, false);
        assertTrue(child.process.waitFor(10, TimeUnit.SECONDS));
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.contains("GIVEN=yes"), "the given variable: " + lines);
        assertTrue(lines.contains("PATH=" + System.getenv("PATH")), "an inherited variable: " + lines);
        assertEquals(List.of(), lines.stream().filter(line -> line.startsWith("HOME=")).toList(), "a dropped one");
    }
}
