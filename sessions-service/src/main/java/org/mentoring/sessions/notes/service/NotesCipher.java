package org.mentoring.sessions.notes.service;

import org.mentoring.sessions.config.SessionsConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Encrypts private notes with AES-256-GCM. Each row keeps the id of its key; the note id is bound as associated data, so a
 * ciphertext copied onto another row does not decrypt.
 * <p>
 * Keys come from configuration, checked when the service starts (a mistake stops the start instead of failing every note):
 * <ul>
 *   <li>{@code NOTES_KEY_ID} ({@code mentoring.notes.key-id}): the id of the key new notes are encrypted with, stored with each note;</li>
 *   <li>{@code NOTES_KEY} ({@code mentoring.notes.key}): that key, base64 of 32 bytes;</li>
 *   <li>{@code NOTES_KEYS} ({@code mentoring.notes.keys}): further keys, {@code id=key} separated by commas, that notes written
 *   before a rotation still need (and, before a rotation, the next key, so that every replica reads its notes first).</li>
 * </ul>
 * A rotation makes a new key active and keeps the old one in {@code NOTES_KEYS}; {@link NotesReEncryption} then rewrites the
 * old notes under the active key, after which the old key can go. The service refuses to start without a key, with a key id
 * that has no key, and, outside the dev and test profiles, with a key published with the source code as the active key.
 */
@Startup
@ApplicationScoped
public class NotesCipher {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,50}");
    private static final String HOW = "make a key with `openssl rand -base64 32` and set NOTES_KEY_ID (its name, stored with each"
            + " note) and NOTES_KEY (the key)";

    /**
     * Keys anyone can read in this repository: the development and test keys of application.properties and the former
     * default of the local stack. Fine for reading old notes, never for encrypting new ones outside dev and test.
     */
    private static final List<String> PUBLISHED_KEYS = List.of(
            "bG9jYWwtc3RhY2stb25seS1OT1QtRk9SLVBST0RVQ1Q=",
            "ZGV2LW9ubHktbm90ZXMta2V5LTMyLWJ5dGVzLWxvbmc=",
            "dGVzdC1vbmx5LW5vdGVzLWtleS0zMi1ieXRlcy1sb24=");

    private final Map<String, SecretKeySpec> keys;
    private final String activeKey;
    private final SecureRandom random = new SecureRandom();

    public record Sealed(String keyId, byte[] bytes) {
    }

    /**
     * The key configuration as given: {@code keyId} and {@code key} are NOTES_KEY_ID and NOTES_KEY, {@code moreKeys} is
     * NOTES_KEYS; {@code publishedKeysAllowed} holds in the dev and test profiles only. Blank means not set.
     */
    public record KeySettings(String keyId, String key, String moreKeys, boolean publishedKeysAllowed) {

        static KeySettings of(SessionsConfig.Notes notes, Config config) {
            List<String> profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
            return new KeySettings(notes.keyId().orElse(null), notes.key().orElse(null), notes.keys().orElse(null),
                    profiles.contains("dev") || profiles.contains("test"));
        }
    }

    @Inject
    public NotesCipher(SessionsConfig.Notes notes, Config config) {
        this(KeySettings.of(notes, config));
    }

    /** Checks the settings; {@link IllegalStateException} with a message for the operator when they cannot work. */
    public NotesCipher(KeySettings settings) {
        this(checked(settings), settings.keyId().trim());
    }

    public NotesCipher(Map<String, byte[]> keys, String activeKey) {
        this.keys = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("Notes key " + id + " must be 32 bytes (AES-256), not " + key.length);
            }
            this.keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!this.keys.containsKey(activeKey)) {
            throw new IllegalStateException("The active notes key " + activeKey + " is not configured");
        }
        this.activeKey = activeKey;
    }

    private static Map<String, byte[]> checked(KeySettings settings) {
        String keyId = blankToNull(settings.keyId());
        String key = blankToNull(settings.key());
        if (keyId == null) {
            throw new IllegalStateException(key == null
                    ? "No key for private notes: " + HOW + "."
                    : "NOTES_KEY is set but NOTES_KEY_ID is not: name the key with NOTES_KEY_ID (it is stored with each note).");
        }
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalStateException("NOTES_KEY_ID must be 1-50 letters, digits, '.', '_' or '-'.");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String more = blankToNull(settings.moreKeys());
        if (more != null) {
            for (String entry : more.trim().split("[,\\s]+")) {
                int equals = entry.indexOf('=');
                String id = equals > 0 ? entry.substring(0, equals) : "";
                if (!KEY_ID.matcher(id).matches()) {
                    throw new IllegalStateException("NOTES_KEYS holds id=key pairs separated by commas, ids of 1-50 letters,"
                            + " digits, '.', '_' or '-'; one entry is not of that form.");
                }
                if (keys.put(id, decode(entry.substring(equals + 1), "key " + id + " of NOTES_KEYS")) != null) {
                    throw new IllegalStateException("NOTES_KEYS names key " + id + " twice.");
                }
            }
        }
        if (key != null) {
            byte[] active = decode(key, "NOTES_KEY");
            byte[] listed = keys.put(keyId, active);
            if (listed != null && !MessageDigest.isEqual(listed, active)) {
                throw new IllegalStateException("NOTES_KEYS holds another key named " + keyId + " than NOTES_KEY: one id, one key.");
            }
        }
        if (!keys.containsKey(keyId)) {
            throw new IllegalStateException("NOTES_KEY_ID is " + keyId + ", but no key of that id is configured: set NOTES_KEY to it"
                    + (keys.isEmpty() ? "" : " (the ids configured are " + new TreeSet<>(keys.keySet()) + ")")
                    + ", or " + HOW + ".");
        }
        if (!settings.publishedKeysAllowed() && isPublished(keys.get(keyId))) {
            throw new IllegalStateException("The key of NOTES_KEY_ID " + keyId + " is published with the source code (for"
                    + " development and tests only) and would protect nothing: " + HOW + ".");
        }
        return keys;
    }

    private static byte[] decode(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is not base64: " + HOW + ".");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(what + " is " + key.length + " bytes, not 32 (AES-256): " + HOW + ".");
        }
        return key;
    }

    private static boolean isPublished(byte[] key) {
        return PUBLISHED_KEYS.stream().anyMatch(published -> MessageDigest.isEqual(Base64.getDecoder().decode(published), key));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The id of the key new notes are encrypted with. */
    public String activeKeyId() {
        return activeKey;
    }

    /** The ids of the other configured keys: notes under them can be read and re-encrypted. */
    public Set<String> otherKeyIds() {
        Set<String> ids = new TreeSet<>(keys.keySet());
        ids.remove(activeKey);
        return ids;
    }

    public Sealed encrypt(UUID noteId, String plainText) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(noteId));
            byte[] sealed = cipher.doFinal(plainText.getBytes(StandardCharsets.UTF_8));
            return new Sealed(activeKey, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encrypting a note failed", e);
        }
    }

    public String decrypt(UUID noteId, String keyId, byte[] bytes) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("Note " + noteId + " was encrypted with key " + keyId + ", which is not configured"
                    + " (keep it in NOTES_KEYS until no note needs it)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad(noteId));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Note " + noteId + " does not decrypt", e);
        }
    }

    private static byte[] aad(UUID noteId) {
        return noteId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
