package org.mentoring.localstack;

/** A problem the user can fix: printed as one line, without a stack trace, and the command exits with 1. */
final class LauncherException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LauncherException(String message) {
        super(message);
    }

    LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
