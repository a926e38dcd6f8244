package org.mentoring.agreements.agreement.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.mentoring.agreements.agreement.model.Agreement;
import org.mentoring.agreements.agreement.model.AgreementContent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 of a version's canonical JSON: object keys sorted at every level, no whitespace, dates as
 * ISO-8601 strings. It covers the agreement id, the version number, the programme, both parties' application
 * ids (stable ids that survive the erasure of a person's name) and the content.
 */
public final class ContentHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ContentHash() {
    }

    public static String canonicalJson(Agreement a, int number, AgreementContent content) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("agreementId", a.id.toString());
        document.put("version", number);
        document.put("programmeId", a.programmeId.toString());
        document.put("menteeApplicationId", a.menteeApplicationId.toString());
        document.put("mentorApplicationId", a.mentorApplicationId.toString());
        document.put("content", content);
        try {
            // through plain maps, so that ORDER_MAP_ENTRIES_BY_KEYS sorts every level (records keep their declaration order)
            Object tree = CANONICAL.convertValue(document, Object.class);
            return CANONICAL.writeValueAsString(tree);
        } catch (Exception e) {
            throw new IllegalStateException("Agreement content cannot be serialised", e);
        }
    }

    public static String sha256(Agreement a, int number, AgreementContent content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson(a, number, content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
