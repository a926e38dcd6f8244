package org.mentoring.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The key sessions-service encrypts private notes with on the local stack, which runs the services in the prod profile
 * (where the service refuses to start without a key of its own). Made once per MENTORING_HOME, 32 random bytes, kept in
 * {@code notes-key} there (owner-only) and reused at every start, so the notes written earlier stay readable. A key given
 * to {@code up} ({@code NOTES_KEY}, with {@code NOTES_KEY_ID}) is used instead: the services inherit it.
 */
final class NotesKey {

    static final String FILE = "notes-key";

    private NotesKey() {
    }

    /** NOTES_KEY_ID and NOTES_KEY for sessions-service: nothing when up was given a key, else this home's key. */
    static synchronized Map<String, String> environment(Settings settings) {
        String given = settings.env.get("NOTES_KEY");
        if (given != null && !given.isBlank()) {
            return Map.of();
        }
        Path file = settings.home.resolve(FILE);
        try {
            if (!Files.isRegularFile(file)) {
                create(file);
            }
            Map<String, String> key = StackFiles.readState(file);
            if (isBlank(key.get("NOTES_KEY_ID")) || isBlank(key.get("NOTES_KEY"))) {
                throw new LauncherException(file + " lacks NOTES_KEY_ID or NOTES_KEY. If no private note was written with it,"
                        + " delete it and a new key is made; otherwise restore it from a copy.");
            }
            return Map.of("NOTES_KEY_ID", key.get("NOTES_KEY_ID"), "NOTES_KEY", key.get("NOTES_KEY"));
        } catch (IOException e) {
            throw new LauncherException("Cannot read or write the notes key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] id = new byte[4];
        random.nextBytes(id);
        String text = "# sessions-service's key for private notes on this local stack: notes cannot be read without it\n"
                + "NOTES_KEY_ID=local-" + HexFormat.of().formatHex(id) + "\n"
                + "NOTES_KEY=" + Base64.getEncoder().encodeToString(key) + "\n";
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's permissions are all there is
            }
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            // a hard link appears whole and never replaces a key that exists by now (made by another start: that one wins)
            try {
                Files.createLink(file, temporary);
            } catch (UnsupportedOperationException e) {
                Files.move(temporary, file);
            }
        } catch (FileAlreadyExistsException e) {
            // made by another start in the meantime: use that one
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
