package org.mentoring.sessions.privacy.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.contracts.events.applicants.ApplicantErasedV1;
import org.mentoring.platform.privacy.Forgetting;

import java.util.List;
import java.util.UUID;

/**
 * Scrubs an erased person: their notes (shared and private) are deleted, so are their feed tokens, their stated weekly
 * availability and the meeting warnings that name them; their feedback and
 * survey comments go, and so does what they typed into the meetings they scheduled or cancelled (place, video link, free
 * topics, cancellation reason). Their id in agreements, meetings, feedback and surveys is replaced by a pseudonym, so that
 * counts and ratings stay for the aggregates and the other person's history still reads as one pair.
 * <p>
 * The pseudonym is random ({@code erased-<uuid>}), not derived from the subject, so nobody can recompute it; it is the
 * same within this service for one person (a repeated erasure reuses it) and is remembered per erased application, so an
 * agreement event published before the erasure and arriving after it cannot bring the person's id back. The stored
 * answers and events that mention the person are forgotten too ({@link Forgetting}). Runs inside the consumer's
 * transaction.
 */
@ApplicationScoped
public class Erasure {

    private final Forgetting forgetting;

    public Erasure(Forgetting forgetting) {
        this.forgetting = forgetting;
    }

    public Uni<Void> onErased(ApplicantErasedV1 event) {
        String who = event.applicantId();
        List<UUID> applications = event.applicationIds() == null ? List.of() : event.applicationIds();
        return pseudonymOf(applications).map(earlier -> earlier != null ? earlier : "erased-" + UUID.randomUUID())
                .chain(pseudonym -> scrub(who, applications, pseudonym))
                .chain(() -> forgetting.forget(who, applications));
    }

    /** The pseudonym of the person whose application this was, if they were erased here; else null. */
    public static Uni<String> pseudonymOf(UUID applicationId) {
        return applicationId == null ? Uni.createFrom().nullItem() : pseudonymOf(List.of(applicationId));
    }

    /** The pseudonym an earlier erasure gave one of {@code applicationIds}, or null. */
    static Uni<String> pseudonymOf(List<UUID> applicationIds) {
        if (applicationIds.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select pseudonym from erased_application where application_id in (:ids) limit 1", String.class)
                .setParameter("ids", applicationIds).getResultList()).map(list -> list.isEmpty() ? null : list.get(0));
    }

    private static Uni<Void> scrub(String who, List<UUID> applications, String pseudonym) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from meeting_note where author_id = :who")
                        .setParameter("who", who).executeUpdate()
                // their stated availability, and the warnings that name them (before their id in meetings becomes the pseudonym)
                .chain(() -> s.createNativeQuery("delete from application_availability where applicant_id = :who")
                        .setParameter("who", who).executeUpdate())
                .chain(() -> applications.isEmpty() ? Uni.createFrom().item(0) : s.createNativeQuery(
                                "delete from application_availability where application_id = any(cast(:ids as uuid[]))")
                        .setParameter("ids", applications.toArray(UUID[]::new)).executeUpdate())
                .chain(() -> s.createNativeQuery("update meeting set availability_warnings = jsonb_build_object('items', coalesce("
                                + "(select jsonb_agg(w) from jsonb_array_elements(availability_warnings -> 'items') w"
                                + " where w ->> 'about' is distinct from :who), cast('[]' as jsonb)))"
                                + " where mentee_id = :who or mentor_id = :who")
                        .setParameter("who", who).executeUpdate())
                // remembered, so that an agreement event overtaken by this erasure cannot bring the person's id back
                .chain(() -> applications.isEmpty() ? Uni.createFrom().item(0) : s.createNativeQuery(
                                "insert into erased_application (application_id, pseudonym, erased_at)"
                                        + " select id, :p, now() from unnest(cast(:ids as uuid[])) id on conflict do nothing")
                        .setParameter("p", pseudonym).setParameter("ids", applications.toArray(UUID[]::new)).executeUpdate())
                .chain(() -> s.createNativeQuery("delete from feed_token where owner_id = :who").setParameter("who", who).executeUpdate())
                .chain(() -> s.createNativeQuery("update meeting_feedback set comment = null, share_with_pair = false, author_id = :p"
                        + " where author_id = :who").setParameter("who", who).setParameter("p", pseudonym).executeUpdate())
                .chain(() -> s.createNativeQuery("update agreement_survey set comment = null, share_with_pair = false, author_id = :p"
                        + " where author_id = :who").setParameter("who", who).setParameter("p", pseudonym).executeUpdate())
                .chain(() -> s.createNativeQuery("update meeting set place = case when created_by = :who then null else place end,"
                                + " video_link = case when created_by = :who then null else video_link end,"
                                + " free_topics = case when created_by = :who then '{}' else free_topics end,"
                                + " cancel_reason = case when cancelled_by = :who then null else cancel_reason end,"
                                + " mentee_id = case when mentee_id = :who then :p else mentee_id end,"
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
}
