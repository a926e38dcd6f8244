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

    /** One note of a meeting if the reader may read it (shared, or their own private one); null otherwise. */
    public Uni<MeetingNote> readableBy(UUID meetingId, UUID noteId, String reader) {
        return find("id = ?1 and meetingId = ?2 and (visibility = ?3 or authorId = ?4)", noteId, meetingId,
                MeetingNote.Visibility.SHARED, reader).firstResult();
    }
}
