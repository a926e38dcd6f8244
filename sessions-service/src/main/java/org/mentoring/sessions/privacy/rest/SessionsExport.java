package org.mentoring.sessions.privacy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mentoring.sessions.meeting.rest.MeetingView;
import org.mentoring.sessions.notes.service.FeedbackService;
import org.mentoring.sessions.notes.service.NoteService;
import org.mentoring.sessions.privacy.service.SessionsExportService;
import org.mentoring.sessions.survey.service.SurveyService;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What sessions-service holds about one person, for their export. */
@Schema(name = "SessionsExport", description = "What sessions-service holds about the caller: their meetings; the notes they may "
        + "read (shared ones and their own private ones, decrypted: never the other person's private notes); the feedback on "
        + "their meetings and the surveys of their agreements, with the other person's comment only when shared with the pair; "
        + "the weekly availability their applications state, which meetings are checked against")
public record SessionsExport(
        @Schema(required = true, description = "The token's subject") String subject,
        @Schema(required = true) Instant exportedAt,
        @Schema(required = true) List<MeetingView> meetings,
        @Schema(required = true) List<NoteService.NoteView> notes,
        @Schema(required = true) List<FeedbackService.FeedbackView> feedback,
        @Schema(required = true) List<SurveyService.SurveyView> surveys,
        @Schema(required = true) List<StatedAvailability> availability) {

    @Schema(name = "SessionsExportAvailability", description = "The weekly availability one of the caller's applications states; "
            + "weekdays, from, to and timeZone are null when it states none (any time)")
    public record StatedAvailability(
            @Schema(required = true) UUID applicationId,
            @Schema(required = true) UUID programmeId,
            @Schema(description = "MONDAY .. SUNDAY", nullable = true) List<String> weekdays,
            @Schema(description = "HH:mm, in timeZone", example = "09:00", nullable = true) String from,
            @Schema(description = "HH:mm, in timeZone", example = "17:00", nullable = true) String to,
            @Schema(description = "IANA zone", example = "Europe/Berlin", nullable = true) String timeZone) {
    }

    public static SessionsExport of(String subject, SessionsExportService.Export export) {
        return new SessionsExport(subject, Instant.now(), export.meetings().stream().map(MeetingView::of).toList(), export.notes(),
                export.feedback(), export.surveys(), export.availability().stream().map(a -> new StatedAvailability(a.applicationId,
                        a.programmeId, a.weekdays, a.fromTime, a.toTime, a.timeZone)).toList());
    }
}
