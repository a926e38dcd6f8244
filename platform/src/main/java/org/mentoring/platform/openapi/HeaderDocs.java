package org.mentoring.platform.openapi;

/**
 * The words every service's OpenAPI document uses for the HTTP headers of the concurrency and creation conventions,
 * so that a generated client documents them the same way everywhere: {@code If-Match} on a write that could race,
 * and the {@code ETag} and {@code Location} an answer carries.
 */
public final class HeaderDocs {

    /** A write that is refused without If-Match (428) and with a stale one (412). */
    public static final String IF_MATCH = "The ETag of the object as last read. Required: without it the write is refused with 428 "
            + "(precondition-required); when another write came first, with 412 (precondition-failed).";

    /** A write that applies If-Match only when the client sends it (SCIM). */
    public static final String IF_MATCH_OPTIONAL = "Optional. When sent, it must match the current ETag, or the write is refused with 412.";

    /** The version of the object in the answer. */
    public static final String ETAG = "The version of the object, to send back as If-Match with the next write.";

    /** Where what was created (or started) is read. */
    public static final String LOCATION = "The URL of what was created, where it is read.";

    private HeaderDocs() {
    }
}
