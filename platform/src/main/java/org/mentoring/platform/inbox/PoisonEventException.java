package org.mentoring.platform.inbox;

/** An incoming record that can never be processed; it goes to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
