package org.mentoring.gateway.problem;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.mentoring.contracts.logging.LogSafe;
import org.mentoring.contracts.problem.Problem;

import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * Turns every failed request into a problem document. Quarkus answers a failed authentication (bad signature,
 * wrong issuer or audience, expired or unreadable token) with an empty 401 unless a failure handler on the
 * main router writes the body: this is that handler. It runs before Quarkus' own error handler, which is
 * registered last.
 */
@ApplicationScoped
public class FailureProblems {

    private static final Logger LOG = Logger.getLogger(FailureProblems.class);

    void register(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            // Part of an upstream answer is already on the wire: it cannot become a problem document any more.
            response.reset();
            return;
        }
        Throwable failure = rootCause(rc.failure());
        String instance = rc.request().path();
        Problem problem;
        if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
            problem = ProblemResponses.unauthorized(instance);
        } else if (failure instanceof ForbiddenException) {
            problem = ProblemResponses.forbidden(instance);
        } else if (failure == null && rc.statusCode() >= 400 && rc.statusCode() < 500) {
            problem = ProblemResponses.ofStatus(rc.statusCode(),
                    HttpResponseStatus.valueOf(rc.statusCode()).reasonPhrase(), instance);
        } else {
            String incident = UUID.randomUUID().toString();
            // The message and stack trace only: request headers (and so tokens) are never logged.
            LOG.errorf(failure, "Unexpected failure on %s %s (incident %s)", rc.request().method(),
                    LogSafe.path(instance), incident);
            problem = ProblemResponses.internal(instance, incident);
        }
        ProblemResponses.send(response, problem);
    }

    /** Mutiny and CompletableFuture wrap the failure that matters; unwrap before choosing the status. */
    static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompositeException || current instanceof CompletionException) {
            Throwable next = current instanceof CompositeException composite
                    ? composite.getCauses().get(0) : current.getCause();
            if (next == null) {
                break;
            }
            current = next;
        }
        return current;
    }
}
