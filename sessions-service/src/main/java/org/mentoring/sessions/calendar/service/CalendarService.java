package org.mentoring.sessions.calendar.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.problem.ProblemType;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.sessions.calendar.model.FeedToken;
import org.mentoring.sessions.meeting.service.MeetingRepository;
import org.mentoring.sessions.meeting.service.MeetingService;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Calendar files: one meeting's, and a personal feed read by calendar apps with an unguessable token instead of a JWT. The token
 * is 32 random bytes; only its SHA-256 is stored, so a database leak does not open anyone's feed. Issuing a new token revokes
 * the previous ones.
 */
@ApplicationScoped
public class CalendarService {

    /** How far back the feed reaches. */
    static final Duration FEED_HISTORY = Duration.ofDays(90);

    private final MeetingService meetings;
    private final MeetingRepository meetingRows;
    private final FeedTokenRepository tokens;
    private final SecureRandom random = new SecureRandom();

    public CalendarService(MeetingService meetings, MeetingRepository meetingRows, FeedTokenRepository tokens) {
        this.meetings = meetings;
        this.meetingRows = meetingRows;
        this.tokens = tokens;
    }

    @WithSession
    public Uni<String> meeting(String subject, UUID id) {
        return meetings.own(subject, id).map(m -> ICalendar.of(java.util.List.of(m), "Mentoring meeting"));
    }

    /** A new token for the caller (the previous ones are revoked); the token itself is returned once and never stored. */
    @WithTransaction
    public Uni<String> issue(String subject) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        return tokens.update("revokedAt = ?1 where ownerId = ?2 and revokedAt is null", now, subject).chain(() -> {
            FeedToken t = new FeedToken();
            t.tokenHash = sha256(token);
            t.ownerId = subject;
            t.createdAt = now;
            return tokens.persist(t);
        }).replaceWith(token);
    }

    @WithTransaction
    public Uni<Integer> revoke(String subject) {
        return tokens.update("revokedAt = ?1 where ownerId = ?2 and revokedAt is null", Instant.now(), subject);
    }

    /** The feed of a token's owner; an unknown or revoked token is 404 (the same answer, so tokens cannot be probed). */
    @WithSession
    public Uni<String> feed(String token) {
        return tokens.findById(sha256(token)).chain(t -> {
            if (t == null || t.revokedAt != null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "There is no calendar feed for this link; it may have been revoked.");
            }
            return meetingRows.ofPersonSince(t.ownerId, Instant.now().minus(FEED_HISTORY))
                    .map(list -> ICalendar.of(list, "Mentoring meetings"));
        });
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
