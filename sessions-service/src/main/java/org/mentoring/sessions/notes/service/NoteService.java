package org.mentoring.sessions.notes.service;

import org.mentoring.sessions.config.SessionsConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.paging.Cursor;
import org.mentoring.platform.paging.Page;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.sessions.meeting.service.MeetingService;
import org.mentoring.sessions.notes.model.MeetingNote;

import java.time.Instant;
import java.util.UUID;

/**
 * Notes on a meeting. Only the two people of the pair ever reach them (admins and hr-integration get 403, anyone else 404): shared notes for
 * both, private notes for their author only, encrypted at rest.
 */
@ApplicationScoped
public class NoteService {

    public record NoteView(UUID id, UUID meetingId, String authorId, MeetingNote.Visibility visibility, String content,
                           Instant createdAt) {
    }

    private final MeetingService meetings;
    private final NoteRepository notes;
    private final NotesCipher cipher;
    private final int maxChars;

    public NoteService(MeetingService meetings, NoteRepository notes, NotesCipher cipher,
                       SessionsConfig.Notes config) {
        this.meetings = meetings;
        this.notes = notes;
        this.cipher = cipher;
        this.maxChars = config.maxChars();
    }

    @WithTransaction
    public Uni<NoteView> add(String subject, UUID meetingId, MeetingNote.Visibility visibility, String content) {
        if (visibility == null) {
            throw ProblemException.invalidField("visibility", "is required (SHARED or PRIVATE)");
        }
        if (content == null || content.isBlank()) {
            throw ProblemException.invalidField("content", "must not be blank");
        }
        if (content.length() > maxChars) {
            throw new ProblemException(ProblemType.NOTE_TOO_LARGE, "A note holds at most " + maxChars + " characters; this one has " + content.length() + ".");
        }
        return meetings.own(subject, meetingId).chain(m -> {
            MeetingNote n = new MeetingNote();
            n.id = UUID.randomUUID();
            n.meetingId = m.id;
            n.authorId = subject;
            n.visibility = visibility;
            n.createdAt = Instant.now();
            if (visibility == MeetingNote.Visibility.PRIVATE) {
                NotesCipher.Sealed sealed = cipher.encrypt(n.id, content);
                n.cipherText = sealed.bytes();
                n.keyId = sealed.keyId();
            } else {
                n.content = content;
            }
            return notes.persist(n).replaceWith(new NoteView(n.id, n.meetingId, n.authorId, n.visibility, content, n.createdAt));
        });
    }

    /** A page of the meeting's shared notes and the caller's own private ones, oldest first. */
    @WithSession
    public Uni<Page<NoteView>> page(String subject, UUID meetingId, Cursor after, int limit) {
        return meetings.own(subject, meetingId).chain(m -> notes.pageReadableBy(m.id, subject, after, limit + 1))
                .map(rows -> Page.of(rows, limit, n -> new Cursor(n.createdAt, n.id), this::view));
    }

    /** One note, under the same rules as {@link #page}: a private note of the other person is as unknown as a missing one (404). */
    @WithSession
    public Uni<NoteView> one(String subject, UUID meetingId, UUID noteId) {
        return meetings.own(subject, meetingId).chain(m -> notes.readableBy(m.id, noteId, subject)).map(n -> {
            if (n == null) {
                throw ProblemException.notFound("Note", noteId);
            }
            return view(n);
        });
    }

    private NoteView view(MeetingNote n) {
        String content = n.visibility == MeetingNote.Visibility.PRIVATE ? cipher.decrypt(n.id, n.keyId, n.cipherText) : n.content;
        return new NoteView(n.id, n.meetingId, n.authorId, n.visibility, content, n.createdAt);
    }
}
