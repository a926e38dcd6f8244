package org.mentoring.platform.problem;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;
import org.mentoring.contracts.problem.Problem;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** How failures that reach a service's exception mappers become answers. */
class ProblemsTest {

    @Test
    void aDatabaseThatRefusesConnectionsIsA503WithRetryAfterNotA500() {
        PgException refused = new PgException("database \"applicants\" is not currently accepting connections",
                "FATAL", "55000", null);

        Response response = Problems.toResponse(new HibernateException("could not obtain a connection", refused), "/api/v1/programmes");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).endsWith("/service-unavailable");
        assertThat(problem.detail()).contains("Retry after 5 seconds");
    }

    @Test
    void aConnectionThatCannotBeOpenedIsA503EvenInsideACompositeFailure() {
        Response response = Problems.toResponse(new CompositeException(new ConnectException("Connection refused")), "/x");

        assertThat(response.getStatus()).isEqualTo(503);
    }

    @Test
    void aBugStaysA500WithAnIncidentAndNoRetryAfter() {
        Response response = Problems.toResponse(new IllegalStateException("bug"), "/x");

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isNull();
        assertThat(((Problem) response.getEntity()).detail()).contains("incident");
    }

    @Test
    void aSerializationFailureOfTheDatabaseIsRetriableToo() {
        PgException serialization = new PgException("could not serialize access", "ERROR", "40001", null);

        assertThat(Problems.toResponse(serialization, "/x").getStatus()).isEqualTo(503);
    }

    @Test
    void aServiceUnavailableTheCodeChoseStaysA503WithItsOwnRetryAfter() {
        Response chosen = Problems.toResponse(new jakarta.ws.rs.WebApplicationException("pool of the engine is full: internal detail",
                Response.status(503).header(HttpHeaders.RETRY_AFTER, "30").build()), "/api/v1/things");

        assertThat(chosen.getStatus()).isEqualTo(503);
        assertThat(chosen.getHeaders().get(HttpHeaders.RETRY_AFTER)).containsExactly("30");
        Problem problem = (Problem) chosen.getEntity();
        assertThat(problem.type()).endsWith("/service-unavailable");
        assertThat(problem.detail()).doesNotContain("internal detail");

        Response plain = Problems.toResponse(new jakarta.ws.rs.ServiceUnavailableException(), "/api/v1/things");
        assertThat(plain.getStatus()).isEqualTo(503);
        assertThat(plain.getHeaders().get(HttpHeaders.RETRY_AFTER)).containsExactly(Problems.RETRY_AFTER_SECONDS);
    }

    @Test
    void aGatewayTimeoutStaysA504AndAPlain500StaysAnIncident() {
        Response timeout = Problems.toResponse(new jakarta.ws.rs.WebApplicationException(504), "/api/v1/things");
        assertThat(timeout.getStatus()).isEqualTo(504);
        assertThat(((Problem) timeout.getEntity()).type()).endsWith("/gateway-timeout");
        assertThat(timeout.getHeaders().get(HttpHeaders.RETRY_AFTER)).isNull();

        for (int status : new int[]{500, 501}) {
            Response incident = Problems.toResponse(new jakarta.ws.rs.WebApplicationException("secret", status), "/api/v1/things");
            assertThat(incident.getStatus()).isEqualTo(500);
            assertThat(((Problem) incident.getEntity()).detail()).startsWith("Something went wrong on our side; quote incident ")
                    .doesNotContain("secret");
        }
    }
}
