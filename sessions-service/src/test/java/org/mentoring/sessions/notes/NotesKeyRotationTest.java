package org.mentoring.sessions.notes;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.mentoring.sessions.SessionsFixtures;
import org.mentoring.sessions.notes.service.NotesCipher;
import org.mentoring.sessions.notes.service.NotesReEncryption;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.mentoring.sessions.SessionsFixtures.ADMIN;
import static org.mentoring.sessions.SessionsFixtures.active;
import static org.mentoring.sessions.SessionsFixtures.inDays;
import static org.mentoring.sessions.SessionsFixtures.newPair;
import static org.mentoring.sessions.SessionsFixtures.online;
import static org.mentoring.sessions.SessionsFixtures.schedule;

/**
 * A key rotation: notes were written under k1; the service now runs with k2 active and k1 kept in NOTES_KEYS. Old notes stay
 * readable, new ones are written under k2, and re-encryption leaves no note under k1 while every note still reads the same.
 */
@QuarkusTest
@TestProfile(NotesKeyRotationTest.Rotated.class)
@WithTestResource(PostgresKafkaResource.class)
class NotesKeyRotationTest {

    private static final byte[] K1 = "k1-notes-key-before-the-rotation".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] K2 = "k2-notes-key-after-the-rotation!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("NOTES_KEY_ID", "k2", "NOTES_KEY", Base64.getEncoder().encodeToString(K2),
                    "NOTES_KEYS", "k1=" + Base64.getEncoder().encodeToString(K1));
        }
    }

    @Inject
    NotesReEncryption reEncryption;

    @Test
    void oldNotesStayReadableNewOnesUseTheNewKeyAndReEncryptionMovesEveryNoteToIt() throws Exception {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        String meeting = schedule(pair.menteeToken(), online(pair, inDays(2), 60)).path("id");
        // notes written before the rotation, under k1, as the service running with k1 active wrote them
        NotesCipher before = new NotesCipher(Map.of("k1", K1), "k1");
        UUID[] old = new UUID[3];
        for (int i = 0; i < old.length; i++) {
            old[i] = UUID.randomUUID();
            insertPrivateNote(old[i], UUID.fromString(meeting), pair.mentee(), before.encrypt(old[i], "before the rotation " + i));
        }

        for (int i = 0; i < old.length; i++) {
            given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}/notes/{note}", meeting, old[i]).then().statusCode(200)
                    .body("content", equalTo("before the rotation " + i));
        }
        String fresh = given().auth().oauth2(pair.menteeToken()).contentType(ContentType.JSON)
                .body(Map.of("visibility", "PRIVATE", "content", "after the rotation"))
                .post("/api/v1/meetings/{id}/notes", meeting).then().statusCode(201).extract().path("id");
        assertThat(keyIdOf(UUID.fromString(fresh))).isEqualTo("k2");

        given().auth().oauth2(ADMIN).get("/api/v1/meetings/notes/re-encryption").then().statusCode(200)
                .body("activeKeyId", equalTo("k2")).body("remainingByKey.k1", greaterThanOrEqualTo(3));
        given().auth().oauth2(pair.menteeToken()).post("/api/v1/meetings/notes/re-encryption").then().statusCode(403);
        var started = given().auth().oauth2(ADMIN).post("/api/v1/meetings/notes/re-encryption").then().statusCode(202).extract();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(ADMIN).get(started.header("Location")).then().statusCode(200)
                        .extract().<Integer>path("remaining") == 0);

        for (int i = 0; i < old.length; i++) {
            assertThat(keyIdOf(old[i])).isEqualTo("k2");
            given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}/notes/{note}", meeting, old[i]).then().statusCode(200)
                    .body("content", equalTo("before the rotation " + i));
        }
        given().auth().oauth2(pair.menteeToken()).get("/api/v1/meetings/{id}/notes/{note}", meeting, fresh).then().statusCode(200)
                .body("content", equalTo("after the rotation"));
        // what is stored now is k2's: the k2 key alone reads it
        assertThat(new NotesCipher(Map.of("k2", K2), "k2").decrypt(old[0], "k2", cipherTextOf(old[0]))).isEqualTo("before the rotation 0");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(l -> l.startsWith("mentoring_notes_under_other_keys")))
                .singleElement().satisfies(l -> assertThat(l).endsWith(" 0.0"));
    }

    @Test
    void reEncryptionRunningOnSeveralReplicasAtOnceRewritesEachNoteOnce() throws Exception {
        SessionsFixtures.Pair pair = newPair();
        active(pair, 0);
        UUID meeting = UUID.fromString(schedule(pair.menteeToken(), online(pair, inDays(3), 60)).path("id"));
        NotesCipher before = new NotesCipher(Map.of("k1", K1), "k1");
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            UUID id = UUID.randomUUID();
            insertPrivateNote(id, meeting, pair.mentee(), before.encrypt(id, "note " + i));
            old.add(id);
        }

        long underK1 = countUnder("k1");
        assertThat(underK1).isGreaterThanOrEqualTo(old.size());

        // four runs at once, as four replicas' scheduled ticks would be: between them every note is rewritten exactly once
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int rewritten = 0;
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(() -> {
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> reEncryption.runAll());
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                });
            }
            for (Future<Integer> run : pool.invokeAll(runs)) {
                rewritten += run.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(rewritten).isEqualTo(underK1);
        assertThat(countUnder("k1")).isZero();
        for (UUID id : old) {
            assertThat(keyIdOf(id)).isEqualTo("k2");
        }
        given().auth().oauth2(ADMIN).get("/api/v1/meetings/notes/re-encryption").then().statusCode(200).body("remaining", equalTo(0));
        given().auth().oauth2(pair.menteeToken()).queryParam("limit", 200).get("/api/v1/meetings/{id}/notes", meeting).then()
                .statusCode(200).body("items[199].content", equalTo("note 199"));
    }

    private static Connection database() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
    }

    private static void insertPrivateNote(UUID id, UUID meeting, String author, NotesCipher.Sealed sealed) throws SQLException {
        try (Connection db = database(); PreparedStatement insert = db.prepareStatement("insert into meeting_note"
                + " (id, meeting_id, author_id, visibility, cipher_text, key_id, created_at) values (?, ?, ?, 'PRIVATE', ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, meeting);
            insert.setString(3, author);
            insert.setBytes(4, sealed.bytes());
            insert.setString(5, sealed.keyId());
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    private static long countUnder(String keyId) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement("select count(*) from meeting_note where key_id = ?")) {
            query.setString(1, keyId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String keyIdOf(UUID note) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement("select key_id from meeting_note where id = ?")) {
            query.setObject(1, note);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static byte[] cipherTextOf(UUID note) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement("select cipher_text from meeting_note where id = ?")) {
            query.setObject(1, note);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }
}
