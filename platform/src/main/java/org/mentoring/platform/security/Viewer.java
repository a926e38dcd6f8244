package org.mentoring.platform.security;

/**
 * Who asks, as a service method needs it: the token's subject (a person's id) and whether they hold the programme-admin
 * role. An admin still sees only what belongs to the programmes whose team they are on; a participant only what
 * concerns them. A service takes this rather than the request-scoped {@link Caller}, so it can be called from a test or
 * a background job as well.
 */
public record Viewer(String subject, boolean admin) {
}
