package org.mentoring.sessions.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitsTest {

    private static final byte[] OLD = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    @Test
    void notesDecryptUnderTheirOwnKeyAfterRotationAndNotOnAnotherRow() {
        UUID note = UUID.randomUUID();
        NotesCipher before = new NotesCipher(Map.of("k1", OLD), "k1");
        NotesCipher.Sealed sealed = before.encrypt(note, "vertraulich äöü");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(new String(sealed.bytes(), StandardCharsets.UTF_8)).doesNotContain("vertraulich");

        NotesCipher after = new NotesCipher(Map.of("k1", OLD, "k2", NEW), "k2");
        assertThat(after.decrypt(note, "k1", sealed.bytes())).isEqualTo("vertraulich äöü");
        assertThat(after.encrypt(note, "x").keyId()).isEqualTo("k2");
        assertThatThrownBy(() -> after.decrypt(UUID.randomUUID(), "k1", sealed.bytes())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new NotesCipher(Map.of("k1", new byte[16]), "k1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new NotesCipher(Map.of("k1", OLD), "k9")).isInstanceOf(IllegalStateException.class);
    }

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
