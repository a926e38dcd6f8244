package org.mentoring.localstack;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The supervisor's own log lines (stdout, which the launcher sends to logs/stack.log). */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Log() {
    }

    static synchronized void info(String message) {
        System.out.println(LocalTime.now().format(TIME) + " " + message);
        System.out.flush();
    }

    static synchronized void error(String message, Throwable error) {
        info("ERROR " + message);
        if (error != null) {
            error.printStackTrace(System.out);
            System.out.flush();
        }
    }
}
