package org.mentoring.gateway.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Request-Id}: the caller's own when it is a sane token, a new UUID otherwise.
 * It is put on the request (so the proxy forwards it to the service) and on every response, including the
 * gateway's own 401s, so one id follows a call through the logs of each hop.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";

    /**
     * Above the security filters (authentication is 200), so even a request refused at authentication gets
     * its id back.
     */
    static final int PRIORITY = 1_000;

    /** Letters, digits and a few separators: nothing that could split a header or forge a log line. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void register(@Observes Filters filters) {
        filters.register(this::assign, PRIORITY);
    }

    void assign(RoutingContext rc) {
        String offered = rc.request().getHeader(HEADER);
        String id = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        rc.request().headers().set(HEADER, id);
        rc.put(HEADER, id);
        // Set when the headers go out, so it also replaces whatever id an upstream answered with.
        rc.addHeadersEndHandler(v -> rc.response().headers().set(HEADER, id));
        rc.next();
    }

    /** The id assigned to this request. */
    public static String of(RoutingContext rc) {
        return rc.get(HEADER);
    }
}
