package org.mentoring.applicants.directory.service;

import java.util.Map;

/**
 * A condition on {@code directory_person p} in SQL, as produced by the SCIM filter translator: every
 * client value is a bound parameter in {@code params}, never part of {@code where}.
 */
public record PersonQuery(String where, Map<String, Object> params) {

    public static final PersonQuery ALL = new PersonQuery("true", Map.of());

    public PersonQuery {
        params = Map.copyOf(params);
    }
}
