package org.mentoring.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two files through which the launcher and the supervisor talk: {@code stack.pid} (the supervisor's PID, written
 * by the supervisor itself) and {@code stack.state} (plain {@code key=value} lines, rewritten atomically).
 */
final class StackFiles {

    /** Marks the supervisor's command line, so that a PID reused by another program is never taken for ours. */
    static final String SUPERVISOR_MARKER = "-Dmentoring.stack=supervisor";

    private StackFiles() {
    }

    static Map<String, String> readState(Path file) {
        Map<String, String> state = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return state;
        }
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                state.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return state;
    }

    static void writeState(Path file, Map<String, String> state) throws IOException {
        StringBuilder text = new StringBuilder();
        state.forEach((key, value) -> text.append(key).append('=')
                .append(value == null ? "" : value.replace('\n', ' ').replace('\r', ' ')).append('\n'));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The running supervisor of this MENTORING_HOME, if any. A stale PID file (process gone) is deleted. */
    static Optional<ProcessHandle> runningSupervisor(Settings settings) {
        Path pidFile = settings.pidFile();
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            deleteQuietly(pidFile);
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> !isZombie(p.pid()));
        if (process.isPresent() && !isSupervisor(process.get())) {
            process = Optional.empty();
        }
        if (process.isEmpty()) {
            deleteQuietly(pidFile);
        }
        return process;
    }

    /** A process that has exited but is not reaped yet still looks alive to Java (Linux only; elsewhere false). */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int end = stat.lastIndexOf(')');
            return end > 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The command line of a process, as one string ("" when it cannot be read). */
    static String commandLine(ProcessHandle process) {
        Path cmdline = Paths.get("/proc", Long.toString(process.pid()), "cmdline");
        try {
            return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return process.info().commandLine().orElse("");
        }
    }

    private static boolean isSupervisor(ProcessHandle process) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty()) {
            return true; // cannot tell (another user's process?): better not to forget a live stack
        }
        for (String argument : arguments.get()) {
            if (SUPERVISOR_MARKER.equals(argument)) {
                return true;
            }
        }
        return false;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing to do
        }
    }
}
