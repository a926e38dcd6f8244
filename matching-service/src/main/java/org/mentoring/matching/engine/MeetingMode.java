package org.mentoring.matching.engine;

/** How a pair can meet, from the formats both accept. */
public enum MeetingMode {
    /** At least one accepts only in-person meetings (and the other accepts them too): the distance rule applies. */
    IN_PERSON,
    /** Both accept both formats: in person when near, otherwise online; no distance rule. */
    EITHER,
    /** They share only the online format. */
    ONLINE
}
