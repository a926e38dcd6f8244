package org.mentoring.applicants.directory.model;

import java.util.List;

/**
 * A person's emails as stored in the jsonb column. Wrapped in an object rather than a bare array:
 * Hibernate Reactive decodes JSON columns as objects.
 */
public record EmailList(List<Email> emails) {

    public EmailList {
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
