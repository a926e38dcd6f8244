package org.mentoring.sessions.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything sessions-service reads from its own configuration, one mapping per group of keys (the platform maps its
 * own). application.properties names each key's environment variable; a key under one of these prefixes that no method
 * names fails the start, so a misspelt setting is never silently ignored.
 */
public final class SessionsConfig {

    private SessionsConfig() {
    }

    /** Private notes ({@code mentoring.notes.*}). */
    @ConfigMapping(prefix = "mentoring.notes")
    public interface Notes {

        /** NOTES_KEY_ID: the id of the key new private notes are encrypted with. */
        Optional<String> keyId();

        /** NOTES_KEY: that key, base64 of 32 bytes. */
        Optional<String> key();

        /** NOTES_KEYS: further keys, {@code id=key} separated by commas, that older notes may still be under. */
        Optional<String> keys();

        /** The longest note, in characters. */
        @WithDefault("20000")
        int maxChars();

        ReEncryption reEncryption();

        interface ReEncryption {
            /** How often notes under an older key are re-encrypted under the active one ({@code off} switches it off). */
            @WithDefault("10m")
            String every();
        }
    }

    /** {@code mentoring.sessions.*} */
    @ConfigMapping(prefix = "mentoring.sessions")
    public interface Sessions {

        /**
         * How long a request about an agreement whose latest event (signed, ended) has not reached sessions yet waits for
         * it before it is answered with a problem that says to try again.
         */
        @WithDefault("3s")
        Duration waitForAgreement();
    }

    /** The check of each pair's meeting cadence ({@code mentoring.cadence-check.*}). */
    @ConfigMapping(prefix = "mentoring.cadence-check")
    public interface CadenceCheck {

        /** How often it runs; {@code off}, {@code disabled} or 0 switch it off. */
        @WithDefault("1h")
        String interval();
    }

    /** Calendar feeds ({@code mentoring.calendar.*}). */
    @ConfigMapping(prefix = "mentoring.calendar")
    public interface Calendar {

        /** PUBLIC_BASE_URL: the gateway's address as calendar apps reach it; feed URLs start with it. */
        String publicBaseUrl();
    }
}
