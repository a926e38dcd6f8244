package org.mentoring.sessions.notes.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.sessions.notes.model.MeetingFeedback;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FeedbackRepository implements PanacheRepositoryBase<MeetingFeedback, UUID> {

    public Uni<List<MeetingFeedback>> ofMeeting(UUID meetingId) {
        return list("meetingId = ?1 order by createdAt", meetingId);
    }

    public Uni<List<MeetingFeedback>> ofProgramme(UUID programmeId) {
        return list("programmeId = ?1", programmeId);
    }
}
