package org.mentoring.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.mentoring.contracts.problem.Problem;
import org.mentoring.contracts.problem.ProblemType;

import java.util.Optional;

/**
 * The pages problem types resolve to: {@code GET /problems} lists the catalogue, {@code GET /problems/<kind>} describes
 * one type (what happened, what a client should do). HTML for people, JSON when the Accept header asks for
 * {@code application/json}. Public, like the API document: they describe the API, not anyone's data.
 */
@ApplicationScoped
public class ProblemCatalogue {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTML_TYPE = "text/html;charset=UTF-8";
    private static final String JSON_TYPE = "application/json;charset=UTF-8";
    /** The catalogue changes only with a release. */
    private static final String CACHE = "public, max-age=3600";

    void init(@Observes Router router) {
        router.get("/problems").handler(this::list);
        router.get("/problems/").handler(this::list);
        router.get("/problems/:kind").handler(this::one);
    }

    private void list(RoutingContext rc) {
        if (wantsJson(rc)) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode items = body.putArray("items");
            for (ProblemType type : ProblemType.values()) {
                items.add(json(type));
            }
            send(rc, JSON_TYPE, write(body));
            return;
        }
        StringBuilder html = page("Problem types");
        html.append("<p>Every error of the API is an RFC 9457 problem document (<code>application/problem+json</code>) whose ")
                .append("<code>type</code> is one of these. Act on the type; <code>detail</code> is written for people.</p>\n")
                .append("<table>\n<tr><th>type</th><th>status</th><th>title</th></tr>\n");
        for (ProblemType type : ProblemType.values()) {
            html.append("<tr><td><a href=\"").append(escape(type.uri())).append("\"><code>").append(escape(type.uri()))
                    .append("</code></a></td><td>").append(type.status()).append("</td><td>").append(escape(type.title()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</body>\n</html>\n");
        send(rc, HTML_TYPE, html.toString());
    }

    private void one(RoutingContext rc) {
        Optional<ProblemType> found = ProblemType.ofKind(rc.pathParam("kind"));
        if (found.isEmpty()) {
            ProblemResponses.send(rc.response(), Problem.of(ProblemType.NOT_FOUND, "There is no problem type "
                    + rc.request().path() + "; GET /problems lists them all.", rc.request().path()));
            return;
        }
        ProblemType type = found.get();
        if (wantsJson(rc)) {
            send(rc, JSON_TYPE, write(json(type)));
            return;
        }
        String html = page(type.title()) + "<p><code>type</code>: <code>" + escape(type.uri()) + "</code> &middot; status "
                + type.status() + "</p>\n<p>" + withCode(escape(type.description())) + "</p>\n"
                + "<p><a href=\"/problems\">All problem types</a></p>\n</body>\n</html>\n";
        send(rc, HTML_TYPE, html);
    }

    private static ObjectNode json(ProblemType type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type.uri());
        node.put("status", type.status());
        node.put("title", type.title());
        node.put("description", type.description());
        return node;
    }

    private static boolean wantsJson(RoutingContext rc) {
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title></head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
    }

    private static void send(RoutingContext rc, String contentType, String body) {
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).putHeader(HttpHeaders.CACHE_CONTROL, CACHE)
                .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT).end(Buffer.buffer(body));
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the problem catalogue", e);
        }
    }

    /** `code` in a description, as HTML code. */
    private static String withCode(String escaped) {
        return escaped.replaceAll("`([^`]+)`", "<code>$1</code>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
