package org.mentoring.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mentoring.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} rule for POSTs that integrators retry: the first answer to a key is
 * stored in the same transaction as the change it made; a retry with the same key and body gets that
 * answer again (header {@code Idempotent-Replayed: true}) and changes nothing; the same key with
 * another body is refused with 422. Keys are scoped per operation and per caller. A request that
 * failed stored nothing, so its retry runs again.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final ObjectMapper mapper;

    public IdempotencyKeys(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Runs {@code action} once per ({@code scope}, {@code caller}, {@code key}); without a key it simply
     * runs it, unless {@code required}.
     */
    public Uni<Response> once(String scope, String caller, String key, boolean required, Object request,
                              Supplier<Uni<Response>> action) {
        if (key == null || key.isBlank()) {
            if (required) {
                throw new ProblemException(400, "idempotency-key-required", "Idempotency-Key required",
                        "Send an Idempotency-Key header (for example a UUID) so that a retried request is applied once.");
            }
            return action.get();
        }
        if (key.length() > 200 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw ProblemException.invalidField(HEADER, "must be 1 to 200 visible ASCII characters");
        }
        String hash = hash(request);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select request_hash, status, body, location, etag from idempotency_record"
                        + " where scope = :scope and caller = :caller and idem_key = :key", Object[].class)
                .setParameter("scope", scope).setParameter("caller", caller).setParameter("key", key)
                .getResultList()
                .chain(rows -> rows.isEmpty()
                        ? action.get().call(response -> store(scope, caller, key, hash, response))
                        : Uni.createFrom().item(replay(rows.get(0), hash, key)))));
    }

    private Uni<Integer> store(String scope, String caller, String key, String hash, Response response) {
        String body;
        try {
            body = response.getEntity() == null ? null
                    : response.getEntity() instanceof String s ? s : mapper.writeValueAsString(response.getEntity());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into idempotency_record (scope, caller, idem_key, request_hash, status, body,"
                        + " location, etag, created_at) values (:scope, :caller, :key, :hash, :status, :body, :location, :etag, :at)")
                .setParameter("scope", scope).setParameter("caller", caller).setParameter("key", key)
                .setParameter("hash", hash).setParameter("status", response.getStatus()).setParameter("body", body)
                .setParameter("location", location == null ? null : location.toString())
                .setParameter("etag", etag == null ? null : etag.toString())
                .setParameter("at", Instant.now())
                .executeUpdate());
    }

    private static Response replay(Object[] row, String hash, String key) {
        if (!hash.equals(row[0])) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "The Idempotency-Key " + key + " was already used with a different request; use a new key for a new request.");
        }
        Response.ResponseBuilder replay = Response.status(((Number) row[1]).intValue()).header(REPLAYED, "true");
        if (row[2] != null) {
            replay.entity(row[2]).type(MediaType.APPLICATION_JSON);
        }
        if (row[3] != null) {
            replay.header(HttpHeaders.LOCATION, row[3]);
        }
        if (row[4] != null) {
            replay.header(HttpHeaders.ETAG, row[4]);
        }
        return replay.build();
    }

    private String hash(Object request) {
        try {
            byte[] bytes = request instanceof byte[] b ? b
                    : request instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : mapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash the request", e);
        }
    }

}
