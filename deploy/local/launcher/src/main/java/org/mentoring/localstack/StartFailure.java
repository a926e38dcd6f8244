package org.mentoring.localstack;

import java.nio.file.Path;

/** A part of the stack did not come up: what happened, and which log tells more. */
final class StartFailure extends Exception {

    private static final long serialVersionUID = 1L;

    final transient Path log;

    StartFailure(String message, Path log) {
        super(message);
        this.log = log;
    }

    StartFailure(String message, Path log, Throwable cause) {
        super(message, cause);
        this.log = log;
    }
}
