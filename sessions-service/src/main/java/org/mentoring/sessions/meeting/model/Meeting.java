package org.mentoring.sessions.meeting.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.mentoring.sessions.availability.model.AvailabilityWarnings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A meeting of a pair under an agreement. */
@Entity
@Table(name = "meeting")
public class Meeting {

    @Schema(name = "MeetingStatus")
    public enum Status { SCHEDULED, HELD, MISSED, CANCELLED }

    public enum Format { IN_PERSON, ONLINE }

    @Id
    public UUID id;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(name = "mentee_id", nullable = false)
    public String menteeId;

    @Column(name = "mentor_id", nullable = false)
    public String mentorId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "duration_minutes", nullable = false)
    public int durationMinutes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format;

    public String place;

    @Column(name = "video_link")
    public String videoLink;

    /** Topics taken from the agreement's agenda. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "agenda_topics", nullable = false, columnDefinition = "text[]")
    public List<String> agendaTopics;

    /** Up to five topics of the pair's own. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "free_topics", nullable = false, columnDefinition = "text[]")
    public List<String> freeTopics;

    /** One of the first meetings that the agreement asks to hold in person. */
    @Column(name = "in_person_required", nullable = false)
    public boolean inPersonRequired;

    /** Set when scheduled or rescheduled: the times outside a person's stated weekly availability (never a refusal). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "availability_warnings", nullable = false, columnDefinition = "jsonb")
    public AvailabilityWarnings availabilityWarnings = AvailabilityWarnings.NONE;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public boolean isMember(String subject) {
        return subject.equals(menteeId) || subject.equals(mentorId);
    }

    public List<String> allTopics() {
        List<String> all = new ArrayList<>(agendaTopics);
        all.addAll(freeTopics);
        return all;
    }
}
