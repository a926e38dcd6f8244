package org.mentoring.sessions.notes.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotesCipherTest {

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
    void theNotesKeyConfigurationIsCheckedWhenTheServiceStarts() {
        String k1 = java.util.Base64.getEncoder().encodeToString(OLD);
        String k2 = java.util.Base64.getEncoder().encodeToString(NEW);
        String published = "bG9jYWwtc3RhY2stb25seS1OT1QtRk9SLVBST0RVQ1Q=";

        // as compose and Kubernetes configure it: the key is registered under the id given
        NotesCipher deployed = new NotesCipher(new NotesCipher.KeySettings("compose", k1, null, false));
        assertThat(deployed.activeKeyId()).isEqualTo("compose");
        assertThat(deployed.encrypt(UUID.randomUUID(), "x").keyId()).isEqualTo("compose");
        // rotated: k2 active, k1 still read; the active key may also come from NOTES_KEYS alone
        NotesCipher rotated = new NotesCipher(new NotesCipher.KeySettings("k2", k2, "k1=" + k1, false));
        assertThat(rotated.otherKeyIds()).containsExactly("k1");
        assertThat(new NotesCipher(new NotesCipher.KeySettings("k2", null, "k1=" + k1 + ", k2=" + k2, false)).activeKeyId()).isEqualTo("k2");
        // a published key may still be read, and in dev and test be active
        assertThat(new NotesCipher(new NotesCipher.KeySettings("k2", k2, "local=" + published, false)).otherKeyIds()).containsExactly("local");
        assertThat(new NotesCipher(new NotesCipher.KeySettings("local", published, null, true)).activeKeyId()).isEqualTo("local");

        assertRefused(new NotesCipher.KeySettings(null, null, null, false), "NOTES_KEY_ID", "NOTES_KEY");
        assertRefused(new NotesCipher.KeySettings("", " ", "", false), "NOTES_KEY_ID", "NOTES_KEY");
        assertRefused(new NotesCipher.KeySettings(null, k1, null, false), "NOTES_KEY_ID");
        assertRefused(new NotesCipher.KeySettings("k9", null, "k1=" + k1, false), "NOTES_KEY_ID is k9", "[k1]");
        assertRefused(new NotesCipher.KeySettings("local", published, null, false), "published", "NOTES_KEY");
        assertRefused(new NotesCipher.KeySettings("k1", "not base64!", null, false), "NOTES_KEY is not base64");
        assertRefused(new NotesCipher.KeySettings("k1", "c2hvcnQ=", null, false), "NOTES_KEY is 5 bytes");
        assertRefused(new NotesCipher.KeySettings("k2", k2, "k1", false), "NOTES_KEYS");
        assertRefused(new NotesCipher.KeySettings("k2", k2, "k1=" + k1 + ",k1=" + k2, false), "k1 twice");
        assertRefused(new NotesCipher.KeySettings("k2", k2, "k2=" + k1, false), "one id, one key");
        assertRefused(new NotesCipher.KeySettings("k 1", k1, null, false), "NOTES_KEY_ID must be");
    }

    private static void assertRefused(NotesCipher.KeySettings settings, String... message) {
        assertThatThrownBy(() -> new NotesCipher(settings)).isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(java.util.Base64.getEncoder().encodeToString(OLD)));
    }
}
