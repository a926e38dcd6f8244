package org.mentoring.matching.engine;

/** The side a participant applied for. In reverse mentoring the mentor is the junior, the mentee the senior. */
public enum Role {
    MENTEE,
    MENTOR
}
