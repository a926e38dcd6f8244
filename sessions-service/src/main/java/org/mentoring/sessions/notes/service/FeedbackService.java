package org.mentoring.sessions.notes.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.sessions.meeting.model.Meeting;
import org.mentoring.sessions.meeting.service.MeetingService;
import org.mentoring.sessions.meeting.service.SessionEvents;
import org.mentoring.sessions.notes.model.MeetingFeedback;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Feedback after a held meeting: each person of the pair rates it once; a comment is the author's unless shared with the pair. */
@ApplicationScoped
public class FeedbackService {

    public record FeedbackView(UUID id, UUID meetingId, String authorId,
                               @Schema(implementation = org.mentoring.sessions.agreement.model.PairRole.class) String authorRole, int rating, @Schema(nullable = true) String comment,
                               boolean shareWithPair, Instant createdAt) {
    }

    private final MeetingService meetings;
    private final FeedbackRepository feedback;
    private final SessionEvents events;

    public FeedbackService(MeetingService meetings, FeedbackRepository feedback, SessionEvents events) {
        this.meetings = meetings;
        this.feedback = feedback;
        this.events = events;
    }

    @WithTransaction
    public Uni<FeedbackView> submit(String subject, UUID meetingId, int rating, String comment, boolean shareWithPair) {
        if (rating < 1 || rating > 5) {
            throw ProblemException.invalidField("rating", "must be between 1 and 5");
        }
        return meetings.own(subject, meetingId).chain(m -> {
            if (m.status != Meeting.Status.HELD) {
                throw new ProblemException(ProblemType.INVALID_STATE, "Feedback is given after a HELD meeting; this one is " + m.status + ".");
            }
            return feedback.count("meetingId = ?1 and authorId = ?2", m.id, subject).chain(given -> {
                if (given > 0) {
                    throw new ProblemException(ProblemType.ALREADY_DONE, "You already gave feedback on this meeting.");
                }
                MeetingFeedback f = new MeetingFeedback();
                f.id = UUID.randomUUID();
                f.meetingId = m.id;
                f.agreementId = m.agreementId;
                f.programmeId = m.programmeId;
                f.authorId = subject;
                f.authorRole = subject.equals(m.menteeId) ? "MENTEE" : "MENTOR";
                f.rating = rating;
                f.comment = comment == null || comment.isBlank() ? null : comment.strip();
                f.shareWithPair = shareWithPair;
                f.createdAt = Instant.now();
                return feedback.persist(f).chain(() -> events.feedback(f)).replaceWith(view(f, subject));
            });
        });
    }

    /** The caller's own feedback, and the partner's rating with its comment only when shared. */
    @WithSession
    public Uni<List<FeedbackView>> list(String subject, UUID meetingId) {
        return meetings.own(subject, meetingId).chain(m -> feedback.ofMeeting(m.id))
                .map(list -> list.stream().map(f -> view(f, subject)).toList());
    }

    private static FeedbackView view(MeetingFeedback f, String reader) {
        boolean own = f.authorId.equals(reader);
        return new FeedbackView(f.id, f.meetingId, f.authorId, f.authorRole, f.rating, own || f.shareWithPair ? f.comment : null,
                f.shareWithPair, f.createdAt);
    }
}
