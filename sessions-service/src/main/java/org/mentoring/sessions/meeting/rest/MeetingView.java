package org.mentoring.sessions.meeting.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.sessions.availability.model.AvailabilityWarning;
import org.mentoring.sessions.meeting.model.Meeting;
import org.mentoring.sessions.meeting.service.InPersonRule;
import org.mentoring.platform.http.ETags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A meeting as the API shows it. Notes and feedback are never part of it (they have their own pair-only endpoints). */
@Schema(name = "Meeting")
public record MeetingView(
        UUID id,
        @Schema(required = true, description = ETags.FIELD_DESCRIPTION, example = ETags.FIELD_EXAMPLE) String etag,
        UUID agreementId,
        UUID programmeId,
        String menteeId,
        String mentorId,
        Meeting.Status status,
        Instant startsAt,
        Instant endsAt,
        int durationMinutes,
        Meeting.Format format,
        @Schema(description = "Where, for a meeting in person", nullable = true) String place,
        @Schema(description = "The link, for an online meeting", nullable = true) String videoLink,
        List<String> agendaTopics,
        List<String> freeTopics,
        @Schema(description = "One of the first meetings the agreement asks to hold in person") boolean inPersonRequired,
        @Schema(description = "Who cancelled it, if it was cancelled", nullable = true) String cancelledBy,
        @Schema(nullable = true) String cancelReason,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Schema(required = true, description = "What the pair should know about this meeting; it was scheduled anyway. "
                + WARNING_CODES) List<Warning> warnings) {

    static final String IN_PERSON_REQUIRED = "IN_PERSON_REQUIRED";
    static final String WARNING_CODES = "OUTSIDE_AVAILABILITY: when scheduled or last rescheduled, the meeting lay outside the "
            + "weekly availability the mentor or the mentee state (one warning per person, the time shown in their time zone); "
            + "IN_PERSON_REQUIRED: a scheduled ONLINE meeting that has become one of the first meetings the agreement asks to hold "
            + "in person (an earlier in-person meeting was cancelled); reschedule it IN_PERSON.";

    @Schema(name = "MeetingWarning")
    public record Warning(
            @Schema(required = true, enumeration = {AvailabilityWarning.OUTSIDE_AVAILABILITY, IN_PERSON_REQUIRED},
                    example = AvailabilityWarning.OUTSIDE_AVAILABILITY) String code,
            @Schema(required = true, description = "For people",
                    example = "Tuesday 19:00-20:00 Europe/Berlin is outside Mia's stated hours (Mon, Wed 09:00-17:00)") String detail) {
    }

    public static MeetingView of(Meeting m) {
        return new MeetingView(m.id, ETags.of(m.version), m.agreementId, m.programmeId, m.menteeId, m.mentorId, m.status, m.startsAt, m.endsAt,
                m.durationMinutes, m.format, m.place, m.videoLink, m.agendaTopics, m.freeTopics, m.inPersonRequired, m.cancelledBy,
                m.cancelReason, m.createdBy, m.createdAt, m.updatedAt, warnings(m));
    }

    private static List<Warning> warnings(Meeting m) {
        List<Warning> warnings = new ArrayList<>();
        if (m.availabilityWarnings != null) {
            m.availabilityWarnings.items().forEach(w -> warnings.add(new Warning(w.code(), w.detail())));
        }
        if (InPersonRule.breaks(m)) {
            warnings.add(new Warning(IN_PERSON_REQUIRED, "This meeting is now one of the first meetings the agreement asks to hold in "
                    + "person, but it is planned ONLINE: reschedule it IN_PERSON."));
        }
        return warnings;
    }
}
