package org.mentoring.sessions.progress.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The record of the reminders and at-risk alerts sent, one per pair, kind and period (a period starts at the pair's last
 * held meeting, or at the agreement's start). Its primary key is what makes an alert go out at most once per period, even
 * when two replicas' checks or a check and a stale flag meet.
 */
@ApplicationScoped
public class PairAlerts {

    public enum Kind { REMINDED, AT_RISK }

    /**
     * Records the alert inside the caller's transaction. The item is {@code null} when this is the first alert of its kind
     * for the period (the caller sends it), otherwise when the earlier one was sent.
     */
    public Uni<Instant> record(UUID agreementId, Kind kind, Instant periodStart, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into pair_alert (agreement_id, kind, period_start, sent_at)"
                                + " values (:agreement, :kind, :period, :now) on conflict do nothing")
                        .setParameter("agreement", agreementId).setParameter("kind", kind.name())
                        .setParameter("period", periodStart).setParameter("now", now)
                        .executeUpdate()
                .chain(inserted -> inserted == 1 ? Uni.createFrom().<Instant>nullItem() : s.createNativeQuery(
                                "select sent_at from pair_alert where agreement_id = :agreement and kind = :kind and period_start = :period",
                                Instant.class)
                        .setParameter("agreement", agreementId).setParameter("kind", kind.name()).setParameter("period", periodStart)
                        .getSingleResult()));
    }
}
