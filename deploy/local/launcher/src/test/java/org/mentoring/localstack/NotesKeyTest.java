package org.mentoring.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sessions-service runs in the prod profile, which needs a notes key of its own: one per MENTORING_HOME, kept there. */
class NotesKeyTest {

    @TempDir
    Path home;

    @TempDir
    Path otherHome;

    private static Map<String, String> environmentOf(Settings settings, String name) {
        Settings.Replica replica = settings.instances().stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
        return new Supervisor(settings).serviceEnvironment(replica);
    }

    private Settings settings(Path home, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("MENTORING_HOME", home.toString());
        env.put("MENTORING_REPLICAS", "2");
        return Settings.from(env);
    }

    @Test
    void everySessionsReplicaGetsTheHomesOwnRandomKeyAgainAfterARestart() throws Exception {
        Map<String, String> first = environmentOf(settings(home, Map.of()), "sessions-service-1");
        String id = first.get("NOTES_KEY_ID");
        String key = first.get("NOTES_KEY");
        assertTrue(id != null && id.startsWith("local-"), String.valueOf(id));
        assertEquals(32, Base64.getDecoder().decode(key).length);
        assertNotEquals("bG9jYWwtc3RhY2stb25seS1OT1QtRk9SLVBST0RVQ1Q=", key);

        // the other replica, and a supervisor started later on the same home, get the same key: earlier notes stay readable
        for (String replica : new String[] {"sessions-service-2", "sessions-service-1"}) {
            Map<String, String> again = environmentOf(settings(home, Map.of()), replica);
            assertEquals(id, again.get("NOTES_KEY_ID"));
            assertEquals(key, again.get("NOTES_KEY"));
        }
        Path file = home.resolve(NotesKey.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Map<String, String> elsewhere = environmentOf(settings(otherHome, Map.of()), "sessions-service-1");
        assertNotEquals(key, elsewhere.get("NOTES_KEY"));
        assertFalse(environmentOf(settings(home, Map.of()), "matching-service-1").containsKey("NOTES_KEY"));
    }

    @Test
    void aKeyGivenToUpIsInheritedInstead() {
        Map<String, String> env = environmentOf(settings(home, Map.of("NOTES_KEY_ID", "mine", "NOTES_KEY",
                Base64.getEncoder().encodeToString(new byte[32]))), "sessions-service-1");
        assertFalse(env.containsKey("NOTES_KEY"));
        assertFalse(env.containsKey("NOTES_KEY_ID"));
        assertFalse(Files.exists(home.resolve(NotesKey.FILE)));
    }
}
