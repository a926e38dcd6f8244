package org.mentoring.gateway.ratelimit;

/**
 * The outcome of taking a token.
 *
 * @param allowed           whether the request may go on
 * @param remaining         whole tokens left
 * @param resetSeconds      seconds until the bucket is full again
 * @param retryAfterSeconds when refused, seconds until a token is there
 */
public record RateLimitDecision(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {
}
