package org.mentoring.sessions.notes.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.sessions.notes.model.MeetingNote;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NoteRepository implements PanacheRepositoryBase<MeetingNote, UUID> {

    /** Keyset page of the shared notes of a meeting and the reader's own private ones, in the order they were written. */
    public Uni<List<MeetingNote>> pageReadableBy(UUID meetingId, String reader, Cursor after, int limit) {
        String query = "meetingId = :meeting and (visibility = :shared or authorId = :reader)";
        Parameters params = Parameters.with("meeting", meetingId).and("shared", MeetingNote.Visibility.SHARED).and("reader", reader);
        if (after != null) {
            query += " and " + Cursor.afterCondition("createdAt", "id");
            after.bind(params);
        }
        return find(query + " order by createdAt, id", params).range(0, limit - 1).list();
    }

    /** One note of a meeting if the reader may read it (shared, or their own private one); null otherwise. */
    public Uni<MeetingNote> readableBy(UUID meetingId, UUID noteId, String reader) {
        return find("id = ?1 and meetingId = ?2 and (visibility = ?3 or authorId = ?4)", noteId, meetingId,
                MeetingNote.Visibility.SHARED, reader).firstResult();
    }
}
