package org.mentoring.gateway.security;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import io.vertx.core.Context;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.mentoring.gateway.StubUpstreams;
import org.mentoring.gateway.config.GatewayConfig;
import org.mentoring.testsupport.TestTokens;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token is verified in full once, by SmallRye JWT's validator on a worker thread (fetching the key set may block);
 * every later request with the same token is authenticated from memory on the event loop, with the same caller and
 * roles, and never reaches that validator (nor its hop to a worker) again.
 */
@QuarkusTest
@WithTestResource(StubUpstreams.class)
class RememberedTokensTest {

    /** The tokens SmallRye JWT's validator was asked to parse, in order, and on which kind of thread. */
    static final List<String> PARSED = new CopyOnWriteArrayList<>();
    static final List<Boolean> PARSED_ON_EVENT_LOOP = new CopyOnWriteArrayList<>();

    /** The production cache, recording each call its validator makes. */
    @Alternative
    @Priority(2)
    @Singleton
    static class RecordingCache extends VerifiedTokenCache {
        @Inject
        RecordingCache(DefaultJWTParser delegate, GatewayConfig config) {
            super(delegate, config);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            PARSED.add(token);
            PARSED_ON_EVENT_LOOP.add(Context.isOnEventLoopThread());
            return super.parse(token);
        }
    }

    @Test
    void aRememberedTokenIsAuthenticatedWithoutTheValidatorAndKeepsItsRoles() {
        String token = TestTokens.admin("remembered-admin");
        for (int i = 0; i < 3; i++) {
            // An admin-only write: the identity made from memory still carries the token's roles.
            given().auth().oauth2(token).contentType("application/json").body("{\"name\":\"Cohort\"}")
                    .when().post("/api/v1/programmes")
                    .then().statusCode(200).header("X-Upstream", "applicants");
        }
        assertThat(PARSED.stream().filter(token::equals)).as("validator calls for the token").hasSize(1);
        assertThat(PARSED_ON_EVENT_LOOP.get(PARSED.indexOf(token))).as("verified on the event loop").isFalse();

        // The same subject with another token (another signature, other roles) is verified in full, and refused.
        String other = TestTokens.participant("remembered-admin");
        given().auth().oauth2(other).contentType("application/json").body("{\"name\":\"Cohort\"}")
                .when().post("/api/v1/programmes")
                .then().statusCode(403);
        assertThat(PARSED.stream().filter(other::equals)).hasSize(1);
    }
}
