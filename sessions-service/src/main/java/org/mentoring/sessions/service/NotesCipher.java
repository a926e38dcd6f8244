package org.mentoring.sessions.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Encrypts private notes with AES-256-GCM. Keys come from configuration: {@code mentoring.notes.keys.<id>=<base64 of 32 bytes>},
 * and {@code mentoring.notes.active-key=<id>} names the one new notes use. Each row keeps its key id, so keys rotate by adding
 * a new key, making it active, and keeping the old ones for reading. The note id is bound as associated data, so a ciphertext
 * copied onto another row does not decrypt.
 */
@ApplicationScoped
public class NotesCipher {

    private static final String PREFIX = "mentoring.notes.keys.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys;
    private final String activeKey;
    private final SecureRandom random = new SecureRandom();

    public record Sealed(String keyId, byte[] bytes) {
    }

    @Inject
    public NotesCipher(Config config) {
        this(readKeys(config), config.getValue("mentoring.notes.active-key", String.class));
    }

    public NotesCipher(Map<String, byte[]> keys, String activeKey) {
        this.keys = new HashMap<>();
        keys.forEach((id, key) -> {
            if (key.length != 32) {
                throw new IllegalStateException("Notes key " + id + " must be 32 bytes (AES-256), not " + key.length);
            }
            this.keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!this.keys.containsKey(activeKey)) {
            throw new IllegalStateException("mentoring.notes.active-key names " + activeKey + ", which is not configured");
        }
        this.activeKey = activeKey;
    }

    private static Map<String, byte[]> readKeys(Config config) {
        Map<String, byte[]> keys = new HashMap<>();
        for (String raw : config.getPropertyNames()) {
            // a profile's key (%test.mentoring.notes.keys.x) counts only when that profile is active, which the lookup decides
            String name = raw.startsWith("%") && raw.indexOf('.') > 0 ? raw.substring(raw.indexOf('.') + 1) : raw;
            if (name.startsWith(PREFIX)) {
                String id = name.substring(PREFIX.length());
                config.getOptionalValue(name, String.class).ifPresent(value -> keys.put(id, Base64.getDecoder().decode(value.trim())));
            }
        }
        return keys;
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
            throw new IllegalStateException("Note " + noteId + " was encrypted with key " + keyId + ", which is no longer configured");
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
