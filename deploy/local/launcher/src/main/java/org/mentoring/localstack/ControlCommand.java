package org.mentoring.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ctl} command (deploy/local/ctl): {@code list} shows each service replica and Kafka with its PID and
 * whether it runs; {@code stop|kill|start|restart <part>} asks the running supervisor to do it and waits until it is
 * done (a start waits until the part is ready). Exit codes: 0 done, 1 failed, 3 no stack running.
 */
final class ControlCommand {

    private final Settings settings;

    ControlCommand(Settings settings) {
        this.settings = settings;
    }

    int run(List<String> arguments) {
        Optional<ProcessHandle> supervisor = StackFiles.runningSupervisor(settings);
        if (supervisor.isEmpty()) {
            System.err.println("The local stack is not running (" + settings.home + ").");
            return 3;
        }
        if (arguments.isEmpty() || arguments.get(0).equals("list")) {
            list();
            return 0;
        }
        if (arguments.size() != 2 || !Control.VERBS.contains(arguments.get(0))) {
            System.err.println("Usage: deploy/local/ctl list | " + String.join("|", Control.VERBS) + " <part>");
            System.err.println("  parts: " + String.join(", ", parts().keySet()));
            return 2;
        }
        try {
            String id = Control.submit(settings.controlDirectory(), arguments.get(0), arguments.get(1));
            long patience = (settings.serviceTimeoutSeconds + 120L) * 1000L;
            Control.Result result = Control.awaitResult(settings.controlDirectory(), id, patience);
            if (result == null) {
                System.err.println("No answer from the stack supervisor within " + patience / 1000 + " s: see "
                        + settings.stackLog() + ".");
                return 1;
            }
            (result.ok ? System.out : System.err).println(result.message);
            return result.ok ? 0 : 1;
        } catch (IOException e) {
            System.err.println("Cannot write into " + settings.controlDirectory() + ": " + e.getMessage());
            return 1;
        }
    }

    /** What the running stack says it runs (its state file), name and port; Kafka last when it runs it. */
    private java.util.Map<String, String> parts() {
        java.util.Map<String, String> state = StackFiles.readState(settings.stateFile());
        java.util.Map<String, String> parts = new java.util.LinkedHashMap<>();
        for (String entry : state.getOrDefault("services", "").split(",")) {
            int at = entry.indexOf('@');
            if (at > 0) {
                parts.put(entry.substring(0, at), entry.substring(at + 1));
            }
        }
        String kafka = state.get("kafka");
        if (kafka != null && !kafka.contains("(external)")) {
            int colon = kafka.indexOf(':');
            int space = kafka.indexOf(' ');
            parts.put(Kafka.NAME, colon < 0 ? "" : kafka.substring(colon + 1, space < 0 ? kafka.length() : space));
        }
        String smtp = state.get("smtp");
        if (state.get("mails") != null && smtp != null) {
            parts.put(Supervisor.MAIL, smtp.substring(smtp.lastIndexOf(':') + 1));
        }
        return parts;
    }

    private void list() {
        java.util.List<String> stopped = java.util.Arrays.asList(
                StackFiles.readState(settings.stateFile()).getOrDefault("stopped", "").split(","));
        parts().forEach((part, port) -> {
            if (part.equals(Supervisor.MAIL)) {
                // In the supervisor's own process: running unless stopped on request.
                System.out.printf("%-22s port %-6s pid %-8s %s%n", part, port, "-",
                        stopped.contains(part) ? "not running" : "running");
                return;
            }
            String pid = "-";
            String status = "not running";
            try {
                pid = Files.readString(settings.pidFile(part), StandardCharsets.UTF_8).trim();
                if (ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)
                        .filter(p -> !StackFiles.isZombie(p.pid())).isPresent()) {
                    status = "running";
                }
            } catch (IOException | NumberFormatException e) {
                // no PID file: not running
            }
            System.out.printf("%-22s port %-6s pid %-8s %s%n", part, port, pid, status);
        });
    }
}
