package org.mentoring.sessions.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Scrubs an erased person: their notes (shared and private) and feedback and survey comments are deleted, their feed tokens go, and their
 * id in agreements, meetings and feedback is replaced by a pseudonym, so that counts and ratings stay for the aggregates only.
 * Runs inside the consumer's transaction.
 */
@ApplicationScoped
public class Erasure {

    public Uni<Void> onErased(ApplicantErasedV1 event) {
        String who = event.applicantId();
        String pseudonym = pseudonymOf(who);
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from meeting_note where author_id = :who")
                        .setParameter("who", who).executeUpdate()
                // remembered, so that an agreement event overtaken by this erasure cannot bring the person's id back
                .chain(() -> s.createNativeQuery("insert into erased_person (pseudonym, erased_at) values (:p, now()) on conflict do nothing")
                        .setParameter("p", pseudonym).executeUpdate())
                .chain(() -> s.createNativeQuery("delete from feed_token where owner_id = :who").setParameter("who", who).executeUpdate())
                .chain(() -> s.createNativeQuery("update meeting_feedback set comment = null, share_with_pair = false, author_id = :p"
                        + " where author_id = :who").setParameter("who", who).setParameter("p", pseudonym).executeUpdate())
                .chain(() -> s.createNativeQuery("update agreement_survey set comment = null, share_with_pair = false, author_id = :p"
                        + " where author_id = :who").setParameter("who", who).setParameter("p", pseudonym).executeUpdate())
                .chain(() -> s.createNativeQuery("update meeting set mentee_id = case when mentee_id = :who then :p else mentee_id end,"
                                + " mentor_id = case when mentor_id = :who then :p else mentor_id end,"
                                + " created_by = case when created_by = :who then :p else created_by end,"
                                + " cancelled_by = case when cancelled_by = :who then :p else cancelled_by end, version = version + 1"
                                + " where mentee_id = :who or mentor_id = :who")
                        .setParameter("who", who).setParameter("p", pseudonym).executeUpdate())
                .chain(() -> s.createNativeQuery("update agreement set mentee_id = case when mentee_id = :who then :p else mentee_id end,"
                                + " mentor_id = case when mentor_id = :who then :p else mentor_id end, version = version + 1"
                                + " where mentee_id = :who or mentor_id = :who")
                        .setParameter("who", who).setParameter("p", pseudonym).executeUpdate()))
                .replaceWithVoid();
    }

    /** The pseudonym that replaces {@code subject} once they are erased: the same for every erasure of the person. */
    public static String pseudonymOf(String subject) {
        return "erased-" + sha256(subject).substring(0, 16);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
