package org.mentoring.sessions.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.sessions.model.Meeting;
import org.mentoring.sessions.service.InPersonRule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A meeting as the API shows it. Notes and feedback are never part of it (they have their own pair-only endpoints). */
@Schema(name = "Meeting")
public record MeetingView(
        UUID id,
        UUID agreementId,
        UUID programmeId,
        String menteeId,
        String mentorId,
        Meeting.Status status,
        Instant startsAt,
        Instant endsAt,
        int durationMinutes,
        Meeting.Format format,
        String place,
        String videoLink,
        List<String> agendaTopics,
        List<String> freeTopics,
        @Schema(description = "One of the first meetings the agreement asks to hold in person") boolean inPersonRequired,
        String cancelledBy,
        String cancelReason,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Schema(required = true, description = "What the pair should know about this meeting; it was scheduled anyway. "
                + WARNING_CODES) List<Warning> warnings) {

    static final String IN_PERSON_REQUIRED = "IN_PERSON_REQUIRED";
    static final String WARNING_CODES = "IN_PERSON_REQUIRED: a scheduled ONLINE meeting that has become one of the first meetings "
            + "the agreement asks to hold in person (an earlier in-person meeting was cancelled); reschedule it IN_PERSON.";

    @Schema(name = "MeetingWarning")
    public record Warning(
            @Schema(required = true, enumeration = {IN_PERSON_REQUIRED}) String code,
            @Schema(required = true, description = "For people") String detail) {
    }

    public static MeetingView of(Meeting m) {
        return new MeetingView(m.id, m.agreementId, m.programmeId, m.menteeId, m.mentorId, m.status, m.startsAt, m.endsAt,
                m.durationMinutes, m.format, m.place, m.videoLink, m.agendaTopics, m.freeTopics, m.inPersonRequired, m.cancelledBy,
                m.cancelReason, m.createdBy, m.createdAt, m.updatedAt, warnings(m));
    }

    private static List<Warning> warnings(Meeting m) {
        List<Warning> warnings = new ArrayList<>();
        if (InPersonRule.breaks(m)) {
            warnings.add(new Warning(IN_PERSON_REQUIRED, "This meeting is now one of the first meetings the agreement asks to hold in "
                    + "person, but it is planned ONLINE: reschedule it IN_PERSON."));
        }
        return warnings;
    }
}
