package org.mentoring.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What the stub services answer to the export calls of {@code GET /api/v1/me/export}: each its part of one person's
 * data, with the subject and time every service's export repeats. A call without a token gets 401, as from a real
 * service, so an export that forgot to relay the token fails.
 */
public final class StubExports {

    public static final String SUBJECT = "3b0e6c1a-0f5e-4a57-9c55-6d0f3f7f2a10";

    private static final Map<String, String> PARTS = Map.of(
            "applicants /api/v1/me/export", """
                    {"subject": "%s", "exportedAt": "2026-12-03T10:00:00Z",
                     "directory": {"userName": "eva.executive", "displayName": "Eva Executive"},
                     "applications": [{"id": "5f0c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f", "status": "MATCHED", "role": "MENTEE"}]}""",
            "matching /api/v1/proposals/me/export", """
                    {"subject": "%s", "exportedAt": "2026-12-03T10:00:00Z",
                     "poolEntries": [{"applicationId": "5f0c2d1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f", "role": "MENTEE"}],
                     "proposals": [{"id": "0b6a3c52-7d1e-4f0a-8c9b-2d3e4f5a6b7c", "status": "CONFIRMED"}]}""",
            "sessions /api/v1/meetings/me/export", """
                    {"subject": "%s", "exportedAt": "2026-12-03T10:00:00Z",
                     "meetings": [{"id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "status": "HELD"}],
                     "notes": [{"visibility": "PRIVATE", "content": "My own thoughts"}],
                     "feedback": [], "surveys": []}""",
            "notifications /api/v1/notifications/me/export", """
                    {"subject": "%s", "exportedAt": "2026-12-03T10:00:00Z",
                     "recipient": {"email": "eva.executive@example.org", "applicationLanguages": ["de"]},
                     "mails": [{"kind": "MATCH_CONFIRMED", "status": "SENT"}], "scheduled": []}""");

    private StubExports() {
    }

    public static Optional<StubReports.Answer> answer(String upstream, String path, String authorization) {
        String part = PARTS.get(upstream + " " + path);
        if (part == null) {
            return Optional.empty();
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.of(new StubReports.Answer(401, "{\"status\": 401, \"title\": \"Unauthorized\"}".getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.of(new StubReports.Answer(200, part.formatted(SUBJECT).getBytes(StandardCharsets.UTF_8)));
    }
}
