package org.mentoring.notifications.webhook.service;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts that need no application: signatures, event type patterns, addresses, the retry schedule. */
class UnitsTest {

    @Test
    void signaturesMatchTheStandardWebhooksTestVector() {
        // the example of the Standard Webhooks specification's reference libraries
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertThat(Signatures.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        String other = Signatures.newSecret();
        assertThat(Signatures.header(List.of(secret, other), "id", 1, "{}").split(" ")).hasSize(2)
                .allMatch(s -> s.startsWith("v1,"));
        assertThat(other).startsWith("whsec_").isNotEqualTo(Signatures.newSecret());
    }

    @Test
    void patternsAreExactTypesPrefixesOrEverything() {
        assertThat(EventPatterns.problem("*")).isNull();
        assertThat(EventPatterns.problem("mentoring.agreement.*")).isNull();
        assertThat(EventPatterns.problem("mentoring.*")).isNull();
        assertThat(EventPatterns.problem("mentoring.meeting.held.v1")).isNull();
        assertThat(EventPatterns.problem("mentoring.webhook.disabled.v1")).isNull();
        // the types of a programme's life can be asked for, alone or by prefix
        for (String type : List.of("mentoring.application.completed.v1", "mentoring.application.withdrawn.v1",
                "mentoring.match.withdrawn.v1", "mentoring.match.flagged.v1", "mentoring.agreement.terminated.v1",
                "mentoring.agreement.completed.v1")) {
            assertThat(EventPatterns.problem(type)).as(type).isNull();
        }
        assertThat(EventPatterns.matches(List.of("mentoring.match.*"), "mentoring.match.withdrawn.v1")).isTrue();
        assertThat(EventPatterns.matches(List.of("mentoring.match.withdrawn.v1"), "mentoring.match.flagged.v1")).isFalse();
        assertThat(EventPatterns.problem("mentoring.agreements.*")).isNotNull();
        assertThat(EventPatterns.problem("mentoring.agree*")).isNotNull();
        assertThat(EventPatterns.problem(".*")).isNotNull();
        assertThat(EventPatterns.problem("mentoring.agreement.activated.v2")).isNotNull();

        assertThat(EventPatterns.matches(List.of("mentoring.agreement.*"), "mentoring.agreement.activated.v1")).isTrue();
        assertThat(EventPatterns.matches(List.of("mentoring.agreement.*"), "mentoring.agreements.x.v1")).isFalse();
        assertThat(EventPatterns.matches(List.of("mentoring.match.confirmed.v1"), "mentoring.match.declined.v1")).isFalse();
        assertThat(EventPatterns.matches(List.of("*"), "anything")).isTrue();
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String refused : List.of("127.0.0.1", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "0.0.0.0",
                "224.0.0.251", "100.64.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
                "::ffff:192.168.1.1", "64:ff9b::a00:1", "::a00:1")) {
            assertThat(TargetGuard.isPublic(InetAddress.getByName(refused))).as(refused).isFalse();
        }
        for (String allowed : List.of("93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:2800:220:1::1", "64:ff9b::808:808")) {
            assertThat(TargetGuard.isPublic(InetAddress.getByName(allowed))).as(allowed).isTrue();
        }
    }

    @Test
    void retriesFollowTheScheduleThenGiveUpAndHonourALongerRetryAfterUpToItsCap() {
        RetryPolicy policy = new RetryPolicy("5s,5m,30m", 0.2, Duration.ofHours(1));
        assertThat(policy.delayAfter(1, null)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        assertThat(policy.delayAfter(3, null)).isBetween(Duration.ofMinutes(24), Duration.ofMinutes(36));
        assertThat(policy.delayAfter(4, null)).isNull();
        assertThat(policy.delayAfter(1, Duration.ofSeconds(2))).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        assertThat(policy.delayAfter(1, Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.delayAfter(1, Duration.ofDays(2))).isEqualTo(Duration.ofHours(1));

        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(RetryPolicy.parseRetryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter("Tue, 01 Dec 2026 10:05:00 GMT", now)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isNull();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isNull();
    }
}
