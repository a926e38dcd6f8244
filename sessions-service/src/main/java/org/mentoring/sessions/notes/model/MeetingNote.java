package org.mentoring.sessions.notes.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A note on a meeting: SHARED (both of the pair, plain text) or PRIVATE (its author only, encrypted at rest). */
@Entity
@Table(name = "meeting_note")
public class MeetingNote {

    public enum Visibility { SHARED, PRIVATE }

    @Id
    public UUID id;

    @Column(name = "meeting_id", nullable = false)
    public UUID meetingId;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility;

    /** Only for SHARED notes. */
    public String content;

    /** Only for PRIVATE notes: nonce + AES-GCM ciphertext. */
    @Column(name = "cipher_text")
    public byte[] cipherText;

    @Column(name = "key_id")
    public String keyId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
