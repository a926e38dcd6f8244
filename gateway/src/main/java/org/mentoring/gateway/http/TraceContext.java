package org.mentoring.gateway.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W3C Trace Context: a valid {@code traceparent} from the caller is passed on unchanged (the gateway records no
 * span of its own, so it is a transparent hop); a missing or malformed one is replaced by a new one, version
 * {@code 00}, random trace and span ids, flagged sampled so that services tracing with a parent-based sampler
 * record it. {@code tracestate} only makes sense with the {@code traceparent} it came with, so it is dropped
 * when that one is replaced.
 */
@ApplicationScoped
public class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final String TRACE_ID = TraceContext.class.getName() + ".traceId";
    /** Version 00 exactly; other versions may carry more fields, which a version-00 reader must not trust. */
    private static final Pattern VALID = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    void register(@Observes Filters filters) {
        filters.register(this::propagate, RequestIds.PRIORITY);
    }

    void propagate(RoutingContext rc) {
        String offered = rc.request().getHeader(TRACEPARENT);
        Matcher valid = offered == null ? null : VALID.matcher(offered);
        String traceId;
        if (valid != null && valid.matches() && !valid.group(1).equals(ZERO_TRACE) && !valid.group(2).equals(ZERO_SPAN)) {
            traceId = valid.group(1);
        } else {
            traceId = randomHex(16);
            rc.request().headers().set(TRACEPARENT, "00-" + traceId + "-" + randomHex(8) + "-01");
            rc.request().headers().remove(TRACESTATE);
        }
        rc.put(TRACE_ID, traceId);
        rc.next();
    }

    /** The trace id this request travels under. */
    public static String traceId(RoutingContext rc) {
        return rc.get(TRACE_ID);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
