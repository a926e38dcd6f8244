package org.mentoring.localstack;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/** The {@code status} command. Exit codes: 0 running, 1 failed or part of it exited, 3 not running, 4 starting. */
final class StatusCommand {

    private final Settings settings;

    StatusCommand(Settings settings) {
        this.settings = settings;
    }

    int run() {
        Optional<ProcessHandle> running = StackFiles.runningSupervisor(settings);
        if (running.isEmpty()) {
            System.out.println("The local stack is not running (" + settings.home + ").");
            return 3;
        }
        long pid = running.get().pid();
        Map<String, String> state = StackFiles.readState(settings.stateFile());
        String current = state.getOrDefault("state", "STARTING");
        switch (current) {
            case "READY":
                System.out.println("The local stack is running (pid " + pid + ", ready since "
                        + time(state.get("readyAt")) + "):");
                Summary.print(System.out, state, "deploy/local/down");
                return state.get("exited") == null ? 0 : 1;
            case "STARTING":
                String last = null;
                for (int i = 1; state.get("progress." + i) != null; i++) {
                    last = state.get("progress." + i);
                }
                System.out.println("The local stack is starting (pid " + pid + ")" + (last == null ? "." : ": " + last));
                return 4;
            default:
                System.out.println("The local stack (pid " + pid + ") is " + current.toLowerCase() + ".");
                return 1;
        }
    }

    private static String time(String epochMillis) {
        try {
            return DateTimeFormatter.ofPattern("HH:mm:ss")
                    .format(Instant.ofEpochMilli(Long.parseLong(epochMillis)).atZone(ZoneId.systemDefault()));
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
