package org.mentoring.platform.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.platform.problem.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The If-Match rule as a client meets it: the version it read passes; no header is 428; another version is 412. */
class ETagsTest {

    @Test
    void anETagIsTheQuotedVersion() {
        assertThat(ETags.of(7)).isEqualTo("\"7\"");
        assertThat(ETags.of(0)).isEqualTo("\"0\"");
    }

    @ParameterizedTest(name = "If-Match: {0} matches version 7")
    @ValueSource(strings = {
            "\"7\"",                 // the strong ETag as read
            "W/\"7\"",               // weakened by a proxy that compressed the answer
            "*",                     // any current version
            "\"6\", \"7\"",          // one of a list
            "\"6\",W/\"7\"",
            "  \"7\"  "
    })
    void theVersionReadPasses(String ifMatch) {
        assertThatCode(() -> ETags.requireMatch(ifMatch, 7)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "If-Match: [{0}] is 428")
    @NullSource
    @ValueSource(strings = {"", "  "})
    void noIfMatchIsPreconditionRequired(String ifMatch) {
        assertThatThrownBy(() -> ETags.requireMatch(ifMatch, 7))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(428);
                    Problem problem = e.toProblem("/api/v1/things/1");
                    assertThat(problem.type()).isEqualTo("/problems/precondition-required");
                    assertThat(problem.detail()).contains("Send If-Match with the ETag you last read");
                });
    }

    @ParameterizedTest(name = "If-Match: {0} against version 7 is 412")
    @ValueSource(strings = {
            "\"6\"",                 // someone wrote in between
            "\"8\"",
            "7",                     // unquoted: not an ETag
            "W/7",
            "\"07\"",
            "\"6\", \"8\"",
            "W/ \"7\"",
            "**"
    })
    void anotherVersionIsPreconditionFailedNamingTheCurrentETag(String ifMatch) {
        assertThatThrownBy(() -> ETags.requireMatch(ifMatch, 7))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    Problem problem = e.toProblem("/api/v1/things/1");
                    assertThat(problem.type()).isEqualTo("/problems/precondition-failed");
                    assertThat(problem.detail()).isEqualTo(
                            "The resource changed since you read it (current ETag \"7\"): read it again and retry.");
                });
    }
}
