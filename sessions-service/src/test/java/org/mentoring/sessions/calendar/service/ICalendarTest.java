package org.mentoring.sessions.calendar.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ICalendarTest {

    @Test
    void iCalendarTextIsEscapedAndLongLinesAreFoldedAt75Octets() {
        assertThat(ICalendar.escape("a,b;c\\d\ne")).isEqualTo("a\\,b\\;c\\\\d\\ne");
        StringBuilder out = new StringBuilder();
        ICalendar.line(out, "DESCRIPTION:" + "ü".repeat(100));
        for (String line : out.toString().split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(out.toString().replace("\r\n ", "")).isEqualTo("DESCRIPTION:" + "ü".repeat(100) + "\r\n");
    }
}
