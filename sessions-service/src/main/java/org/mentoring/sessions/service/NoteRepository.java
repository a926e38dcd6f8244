package org.mentoring.sessions.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.sessions.model.MeetingNote;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NoteRepository implements PanacheRepositoryBase<MeetingNote, UUID> {

    /** The shared notes of a meeting and the reader's own private ones. */
    public Uni<List<MeetingNote>> readableBy(UUID meetingId, String reader) {
        return list("meetingId = ?1 and (visibility = ?2 or authorId = ?3) order by createdAt, id", meetingId,
                MeetingNote.Visibility.SHARED, reader);
    }
}
