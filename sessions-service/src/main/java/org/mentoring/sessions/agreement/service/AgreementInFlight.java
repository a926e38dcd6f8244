package org.mentoring.sessions.agreement.service;

import org.mentoring.sessions.config.SessionsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.platform.problem.ProblemException;
import org.mentoring.platform.work.Pause;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Bridges the moment between a change of an agreement at agreements-service and its event reaching this service's
 * projection. A command that needs the agreement in a state the pair may have just brought it to (ACTIVE after the
 * second signature, ended after an ending) waits for it, polling the projection (so the event may arrive at any
 * replica), for at most {@code mentoring.sessions.wait-for-agreement}; still not there, it is answered 409
 * {@code not-yet-consistent} with {@code Retry-After}. An agreement already past that state (ended, for a meeting),
 * unknown or not the caller's is not waited for: the command itself gives the answer (409 or 404).
 */
@ApplicationScoped
public class AgreementInFlight {

    static final Duration POLL = Duration.ofMillis(100);
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Set<String> PENDING = Set.of("DRAFT", "PROPOSED");
    private static final Set<String> NOT_ENDED = Set.of("DRAFT", "PROPOSED", "ACTIVE");

    private final Vertx vertx;
    private final Duration wait;

    public AgreementInFlight(Vertx vertx,
                             SessionsConfig.Sessions config) {
        this.vertx = vertx;
        this.wait = config.waitForAgreement();
    }

    /** For scheduling a meeting: waits while the agreement is DRAFT or PROPOSED here. */
    public Uni<Void> awaitActive(String subject, UUID agreementId) {
        return await(subject, agreementId, PENDING, status -> "Agreement " + agreementId + " is " + status + " as far as "
                + "meetings know: it must be signed by both of you and ACTIVE first. If the last signature was given a moment "
                + "ago, its activation is still on its way here: send the same request again in " + RETRY_AFTER.toSeconds()
                + " s. Otherwise the agreement still needs a signature.", Instant.now().plus(wait));
    }

    /** For the exit survey: waits while the agreement has not ended here. */
    public Uni<Void> awaitEnded(String subject, UUID agreementId) {
        return await(subject, agreementId, NOT_ENDED, status -> "Agreement " + agreementId + " is " + status + " as far as "
                + "meetings know: the exit survey opens once it has ended. If it was ended a moment ago, the ending is still "
                + "on its way here: send the same request again in " + RETRY_AFTER.toSeconds() + " s.", Instant.now().plus(wait));
    }

    private Uni<Void> await(String subject, UUID agreementId, Set<String> waitWhile,
                            java.util.function.Function<String, String> detail, Instant deadline) {
        return statusFor(subject, agreementId).chain(status -> {
            if (status == null || !waitWhile.contains(status)) {
                return Uni.createFrom().voidItem();
            }
            if (!Instant.now().isBefore(deadline)) {
                throw ProblemException.notYetConsistent(detail.apply(status), RETRY_AFTER);
            }
            return Pause.of(vertx, POLL).chain(() -> await(subject, agreementId, waitWhile, detail, deadline));
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
