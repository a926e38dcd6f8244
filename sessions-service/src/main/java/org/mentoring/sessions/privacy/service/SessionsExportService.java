package org.mentoring.sessions.privacy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.sessions.agreement.service.AgreementRepository;
import org.mentoring.sessions.availability.model.ApplicationAvailability;
import org.mentoring.sessions.availability.service.WeeklyAvailability;
import org.mentoring.sessions.meeting.model.Meeting;
import org.mentoring.sessions.meeting.service.MeetingRepository;
import org.mentoring.sessions.notes.service.FeedbackService;
import org.mentoring.sessions.notes.service.NoteService;
import org.mentoring.sessions.survey.service.SurveyService;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A person's export from sessions-service: their meetings, and for each what they may read of it through the API (the
 * shared notes and their own private ones, decrypted; their feedback and their partner's, whose comment only when shared),
 * and the surveys of their agreements under the same rule. Everything is read through the services the pair's own requests
 * use, so the export shows exactly what those show: never the other person's private notes or unshared comments. It also
 * holds the weekly availability the person's applications state, which their meetings are checked against.
 */
@ApplicationScoped
public class SessionsExportService {

    /** The caller's data, in the order it was made. */
    public record Export(List<Meeting> meetings, List<NoteService.NoteView> notes, List<FeedbackService.FeedbackView> feedback,
                        List<SurveyService.SurveyView> surveys, List<ApplicationAvailability> availability) {
    }

    private final MeetingRepository meetings;
    private final AgreementRepository agreements;
    private final NoteService notes;
    private final FeedbackService feedback;
    private final SurveyService surveys;
    private final WeeklyAvailability availability;

    public SessionsExportService(MeetingRepository meetings, AgreementRepository agreements, NoteService notes,
                                 FeedbackService feedback, SurveyService surveys, WeeklyAvailability availability) {
        this.availability = availability;
        this.meetings = meetings;
        this.agreements = agreements;
        this.notes = notes;
        this.feedback = feedback;
        this.surveys = surveys;
    }

    @WithSession
    public Uni<Export> export(String subject) {
        return meetings.list("menteeId = ?1 or mentorId = ?1 order by startsAt, id", subject).chain(mine -> {
            List<UUID> ids = mine.stream().map(m -> m.id).toList();
            return each(ids, id -> notesOf(subject, id, null, new ArrayList<>()))
                    .chain(notesRead -> each(ids, id -> feedback.list(subject, id))
                            .chain(feedbackRead -> agreements.list("menteeId = ?1 or mentorId = ?1 order by startDate, agreementId", subject)
                                    .chain(pairs -> each(pairs.stream().map(a -> a.agreementId).toList(), id -> surveys.list(subject, id)))
                                    .chain(surveysRead -> availability.ofApplicant(subject)
                                            .map(stated -> new Export(mine, notesRead, feedbackRead, surveysRead, stated)))));
        });
    }

    /** Reads for each id in turn (a reactive session runs one query at a time) and puts the results together. */
    private static <T> Uni<List<T>> each(List<UUID> ids, Function<UUID, Uni<List<T>>> read) {
        return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> read.apply(id))
                .collect().asList()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /** Every note of a meeting the caller may read, page after page. */
    private Uni<List<NoteService.NoteView>> notesOf(String subject, UUID meetingId, Cursor after, List<NoteService.NoteView> found) {
        return notes.page(subject, meetingId, after, Cursor.MAX_LIMIT).chain(page -> {
            found.addAll(page.items());
            return page.nextCursor() == null ? Uni.createFrom().item(found)
                    : notesOf(subject, meetingId, Cursor.decode(page.nextCursor()), found);
        });
    }
}
