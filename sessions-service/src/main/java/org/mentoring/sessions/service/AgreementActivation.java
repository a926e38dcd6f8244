package org.mentoring.sessions.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.work.Pause;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Bridges the moment between an agreement's second signature at agreements-service and its activation reaching this
 * service's projection. A meeting asked for under an agreement known here as DRAFT or PROPOSED waits (polling the
 * projection, so the event may arrive at any replica) until it is ACTIVE, for at most
 * {@code mentoring.sessions.wait-for-agreement}; still not active then, the request is answered 409
 * {@code not-yet-consistent} with {@code Retry-After}. An agreement that is ACTIVE, ended, unknown or not the caller's
 * is not waited for: the scheduling itself gives the answer (a meeting, 409 or 404).
 */
@ApplicationScoped
public class AgreementActivation {

    static final Duration POLL = Duration.ofMillis(100);
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final List<String> PENDING = List.of("DRAFT", "PROPOSED");

    private final Vertx vertx;
    private final Duration wait;

    public AgreementActivation(Vertx vertx,
                               @ConfigProperty(name = "mentoring.sessions.wait-for-agreement", defaultValue = "3s") Duration wait) {
        this.vertx = vertx;
        this.wait = wait;
    }

    /** Completes once the agreement is no longer pending here (or was never), else fails with {@code not-yet-consistent}. */
    public Uni<Void> await(String subject, UUID agreementId) {
        return check(subject, agreementId, Instant.now().plus(wait));
    }

    private Uni<Void> check(String subject, UUID agreementId, Instant deadline) {
        return statusFor(subject, agreementId).chain(status -> {
            if (status == null || !PENDING.contains(status)) {
                return Uni.createFrom().voidItem();
            }
            if (!Instant.now().isBefore(deadline)) {
                throw ProblemException.notYetConsistent("Agreement " + agreementId + " is " + status + " as far as meetings "
                        + "know: a meeting can be scheduled once both of you have signed and the agreement is ACTIVE. If the "
                        + "last signature was given a moment ago, its activation is still on its way here: send the same "
                        + "request again in " + RETRY_AFTER.toSeconds() + " s. Otherwise the agreement still needs a signature.",
                        RETRY_AFTER);
            }
            return Pause.of(vertx, POLL).chain(() -> check(subject, agreementId, deadline));
        });
    }

    /**
     * The agreement's status as the projection holds it now, or null when it is unknown or not the caller's. A scalar
     * query, so a session that is still open (the idempotency record's transaction) reads the latest commit each time,
     * never an entity it cached.
     */
    private Uni<String> statusFor(String subject, UUID agreementId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("select a.status from Agreement a where a.agreementId = :id"
                        + " and (a.menteeId = :subject or a.mentorId = :subject)", String.class)
                .setParameter("id", agreementId).setParameter("subject", subject)
                .getSingleResultOrNull()));
    }
}
