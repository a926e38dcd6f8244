package org.mentoring.contracts.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTest {

    @Test
    void textStaysOnOneLine() {
        assertThat(LogSafe.text("fine\r\n2026-01-01 INFO forged line\u2028and\u0000more\ttab"))
                .isEqualTo("fine__2026-01-01 INFO forged line_and_more_tab");
        assertThat(LogSafe.text(null)).isEqualTo("-");
        assertThat(LogSafe.text("x".repeat(2000))).hasSize(503).endsWith("...");
    }

    @Test
    void feedTokensInPathsAreMasked() {
        assertThat(LogSafe.path("/api/v1/meetings/feeds/Zq3xY7bW9kLmN2pR5tVu.ics"))
                .isEqualTo("/api/v1/meetings/feeds/{secret}");
        assertThat(LogSafe.path("/api/v1/meetings/feeds/Zq3xY7bW9kLmN2pR5tVu.ics/more"))
                .isEqualTo("/api/v1/meetings/feeds/{secret}/more");
        assertThat(LogSafe.path("/api/v1/meetings/feed-token")).isEqualTo("/api/v1/meetings/feed-token");
        assertThat(LogSafe.path("/api/v1/programmes/42\n")).isEqualTo("/api/v1/programmes/42_");
        assertThat(LogSafe.path(null)).isEqualTo("-");
        assertThat(LogSafe.text("timeout while executing GET /api/v1/meetings/feeds/Zq3xY7bW9kLmN2pR5tVu.ics for server"))
                .isEqualTo("timeout while executing GET /api/v1/meetings/feeds/{secret} for server");
    }
}
