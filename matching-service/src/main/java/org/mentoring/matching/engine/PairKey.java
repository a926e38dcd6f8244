package org.mentoring.matching.engine;

/** A mentee and a mentor, by id: an excluded pair or a confirmed pair. */
public record PairKey(String menteeId, String mentorId) {

    public PairKey {
        menteeId = Inputs.id(menteeId, "menteeId");
        mentorId = Inputs.id(mentorId, "mentorId");
    }
}
