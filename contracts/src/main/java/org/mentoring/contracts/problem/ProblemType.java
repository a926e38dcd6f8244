package org.mentoring.contracts.problem;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of problem types: every error the gateway and the services answer has one of these as its
 * {@code type} ({@code /problems/<kind>}, a page of the gateway). A client may act on the type alone; {@code detail}
 * is for people. Each kind has one status and one title; the description says what happened and what to do.
 */
public enum ProblemType {

    // ---- the request itself ----
    VALIDATION("validation", 400, "Invalid request",
            "A field of the body, or a parameter, breaks a rule of the API. `errors` names each field and what is wrong with "
                    + "it. Fix those fields and send the request again; nothing was changed."),
    MALFORMED_BODY("malformed-body", 400, "Malformed request body",
            "The body is not the JSON the operation reads (a syntax error, or a value of the wrong JSON type). Nothing was "
                    + "changed."),
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter",
            "A path or query parameter has a value of the wrong form (not a UUID, not a number, an unknown enum value)."),
    BAD_REQUEST("bad-request", 400, "Bad Request",
            "The gateway cannot take the request as sent: a malformed path, or query parameters a composed answer (a report, "
                    + "an access log) does not accept. The detail says which."),
    IDEMPOTENCY_KEY_REQUIRED("idempotency-key-required", 400, "Idempotency-Key required",
            "This operation must be sent with an Idempotency-Key header (a UUID, say), so that a retry is applied once."),
    ACCESS_REASON_REQUIRED("access-reason-required", 400, "Access reason required",
            "The programme records why its admins read personal data: send the reason (the X-Access-Reason header)."),
    UNPROCESSABLE("unprocessable", 422, "Unprocessable content",
            "The request is well formed but cannot be used as it is (an in-person application naming a city we cannot place, "
                    + "say). `errors` names the fields; change them and send it again."),

    // ---- who is asking ----
    UNAUTHORIZED("unauthorized", 401, "Unauthorized",
            "No valid bearer token: it is missing, expired, signed by another issuer, or meant for another audience. Get a "
                    + "new token from Keycloak and send it in the Authorization header."),
    FORBIDDEN("forbidden", 403, "Forbidden",
            "The token is valid but its roles, or the caller's place on the programme's team, do not allow this operation."),
    ADMIN_ACCESS_DISABLED("admin-access-disabled", 403, "Admin access disabled",
            "The programme does not let its admins read participants' personal data; it is run by its figures and commands."),
    NOT_FOUND("not-found", 404, "Not found",
            "No such object, or one the caller may not see (answered the same way, so ids do not leak)."),
    DEAD_LETTER_NOT_FOUND("dead-letter-not-found", 404, "No such dead letter",
            "The dead-letter topic, or the record at that partition and offset, does not exist."),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method Not Allowed",
            "The path exists but not with this method; the Allow header lists those it takes."),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not Acceptable",
            "The operation cannot answer in a media type the Accept header allows."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported Media Type",
            "The body's Content-Type is not one the operation reads (usually application/json)."),

    // ---- the state of the object ----
    ALREADY_EXISTS("already-exists", 409, "Already exists",
            "What the request would create exists already: a live application to the programme, an open or confirmed pair "
                    + "of the mentee, a matching run in progress. Use, change or end the existing one instead."),
    ALREADY_DONE("already-done", 409, "Already done",
            "The caller has already done this (signed this version, answered this proposal or survey, confirmed completion, "
                    + "given feedback). Nothing was changed; there is nothing to retry."),
    INVALID_STATE("invalid-state", 409, "Not allowed in this state",
            "The object's current state does not allow this action (a programme that is no longer changed, an application "
                    + "already decided, a meeting no longer scheduled, an ACTIVE agreement that changes only by amendment). "
                    + "The detail names the state and the way forward."),
    APPLICATIONS_CLOSED("applications-closed", 409, "Applications closed",
            "The programme takes no applications now: it is not OPEN, or the application window has not opened or has "
                    + "closed. The detail gives the window."),
    TOO_EARLY("too-early", 409, "Too early",
            "The action opens at a later time, given in the detail (a meeting's outcome once it has started, the pulse "
                    + "survey a few weeks into the agreement)."),
    IN_USE("in-use", 409, "In use",
            "What the request would remove or lower is still used by live applications (a topic they chose, a mentor "
                    + "capacity they stated)."),
    OVERLAP("overlap", 409, "Overlapping meeting",
            "The meeting would overlap another meeting of one of the two people. Pick another time."),
    IN_PERSON_REQUIRED("in-person-required", 409, "In person required",
            "The agreement asks for its first meetings in person, and this change would make one of them ONLINE. `errors` "
                    + "names the field (format or startsAt)."),
    PROPOSAL_UNDER_REVIEW("proposal-under-review", 409, "Waiting for an admin's review",
            "The proposal was flagged after a directory change and cannot be accepted until an admin approves it again."),
    EMPTY_POOL("empty-pool", 409, "Empty pool",
            "The programme has no accepted mentees or no accepted mentors: accept applications of both roles before matching."),
    AGREEMENT_NOT_ACTIVE("agreement-not-active", 409, "Agreement not active",
            "Meetings are scheduled only under an ACTIVE agreement, and this one has ended."),
    NOT_YET_CONSISTENT("not-yet-consistent", 409, "Not yet consistent",
            "The action depends on an event of another service that has not arrived here yet (an agreement signed or ended "
                    + "a moment ago). Send the same request again after the Retry-After header's seconds."),
    DELIVERY_ERASED("delivery-erased", 409, "Delivery erased",
            "The webhook delivery concerned a person who has since been erased; it cannot be sent again."),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", 409, "Idempotency-Key in use",
            "A request with the same Idempotency-Key is still being processed. Wait for its answer, then retry."),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed",
            "The If-Match ETag is not the object's current version: someone changed it since you read it. Read it again "
                    + "(the answer carries the current ETag), reapply your change, and send it with the new ETag."),
    PRECONDITION_REQUIRED("precondition-required", 428, "Precondition required",
            "This change needs an If-Match header with the ETag from your last read of the object."),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload Too Large",
            "The request body is larger than the gateway accepts."),
    NOTE_TOO_LARGE("note-too-large", 413, "Note too large",
            "The note is longer than the service accepts; the detail gives the limit."),
    HARD_RULE_BROKEN("hard-rule-broken", 422, "Hard rule broken",
            "The pair would break one of the programme's hard matching rules (same reporting line, same institute, role "
                    + "inversion...); the detail names it."),
    REASON_SET_BY_SYSTEM("reason-set-by-system", 422, "Reason set by the system only",
            "That ending reason is given only by the system (a programme cancelled, a person who left)."),
    POOL_TOO_LARGE("pool-too-large", 422, "Pool too large",
            "The pool is larger than one matching run takes: split the programme into cohorts, or have the operator raise "
                    + "the limit."),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency-Key reused",
            "The Idempotency-Key was used before with a different request body. Use a new key for a new request."),
    WEBHOOK_TARGET_REFUSED("webhook-target-refused", 422, "Webhook target refused",
            "The webhook URL is not allowed (not https, or an address inside our network)."),
    DEAD_LETTER_STILL_UNPROCESSABLE("dead-letter-still-unprocessable", 422, "Dead letter still unprocessable",
            "Replaying the dead letter failed again for the same reason; fix the cause first."),
    REQUIRED_NOTIFICATION("required-notification", 422, "Required e-mail",
            "That e-mail cannot be switched off: it tells a person something they must know (a programme cancelled, say). "
                    + "`errors` names the kinds."),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too Many Requests",
            "The caller's request quota is used up. Wait for the Retry-After header's seconds (the RateLimit headers show "
                    + "the quota)."),

    // ---- our side ----
    INTERNAL("internal", 500, "Internal error",
            "Something went wrong on our side. Quote the incident in the detail when you report it; retrying may help."),
    BAD_GATEWAY("bad-gateway", 502, "Bad Gateway",
            "A service behind the gateway answered with something the gateway could not pass on."),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service Unavailable",
            "A service, its database or the broker is briefly unavailable (a restart, a failover). Retry after the "
                    + "Retry-After header's seconds; nothing was changed."),
    GATEWAY_TIMEOUT("gateway-timeout", 504, "Gateway Timeout",
            "A service behind the gateway did not answer in time. A retry of an idempotent request (or one with an "
                    + "Idempotency-Key) is safe.");

    /** Where the catalogue's pages live: a type URI is relative, so it resolves at the host that answered (the gateway). */
    public static final String BASE = "/problems/";

    private final String kind;
    private final int status;
    private final String title;
    private final String description;

    ProblemType(String kind, int status, String title, String description) {
        this.kind = kind;
        this.status = status;
        this.title = title;
        this.description = description;
    }

    public String kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The type URI, {@code /problems/<kind>}. */
    public String uri() {
        return BASE + kind;
    }

    public static Optional<ProblemType> ofKind(String kind) {
        return Arrays.stream(values()).filter(t -> t.kind.equals(kind)).findFirst();
    }

    /** The type of an HTTP error answered without a more precise one (a framework's 405, say). */
    public static ProblemType ofStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> INVALID_STATE;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 428 -> PRECONDITION_REQUIRED;
            case 429 -> TOO_MANY_REQUESTS;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status < 500 ? BAD_REQUEST : INTERNAL;
        };
    }
}
