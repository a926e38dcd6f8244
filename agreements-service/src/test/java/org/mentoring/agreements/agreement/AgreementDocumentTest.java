package org.mentoring.agreements.agreement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.mentoring.agreements.AgreementFixtures;
import org.mentoring.testsupport.PostgresKafkaResource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The agreement document shows what people typed (names, topics, goals, sharing permissions) as text, never as Markdown. */
@QuarkusTest
@WithTestResource(PostgresKafkaResource.class)
class AgreementDocumentTest {

    private static final String BASE = "/api/v1/agreements";

    @Test
    void typedMarkdownIsRenderedAsLiteralText() {
        AgreementFixtures.Pair pair = AgreementFixtures.confirmedMatch("ONLINE", "# Mentee\n## Injected", "<script>alert(1)</script>");
        String id = AgreementFixtures.awaitDraft(pair);
        LocalDate start = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        List<String> topics = List.of("# Heading", "[x](http://evil)");
        List<String> goals = List.of("![i](http://evil/p.png)", "Goal\n## x", "<img src=x onerror=alert(1)>", "```\ncode", "1. not a list");
        Map<String, Object> draft = new java.util.HashMap<>(AgreementFixtures.draft(topics, goals, start.toString(),
                start.plusMonths(6).toString(), 14));
        draft.put("mayBeShared", List.of(Map.of("what", "| a | b |\n|---|---|", "withWhom", "> quote\n- item")));
        given().auth().oauth2(pair.menteeToken()).header("If-Match", AgreementFixtures.etag(pair.menteeToken(), id))
                .contentType(ContentType.JSON).body(draft).put(BASE + "/{id}/draft", id).then().statusCode(200);
        AgreementFixtures.activate(pair, id, 1);

        String markdown = given().auth().oauth2(pair.mentorToken()).accept("text/markdown").get(BASE + "/{id}/document", id).then()
                .statusCode(200).extract().asString();
        Node document = Parser.builder().build().parse(markdown);
        List<Node> nodes = new ArrayList<>();
        collect(document, nodes);

        // only the document's own headings; no link, image, HTML, code, quote or rule came from the typed text
        assertThat(nodes.stream().filter(Heading.class::isInstance).map(AgreementDocumentTest::text)).containsExactly(
                "Reverse mentoring agreement", "Parties", "Scope", "Agenda topics (set by the mentee)", "Goals", "Time frame",
                "Meetings", "Confidentiality", "Rules of conduct", "Signatures");
        assertThat(nodes).noneMatch(n -> n instanceof Link || n instanceof Image || n instanceof HtmlInline || n instanceof HtmlBlock
                || n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock || n instanceof BlockQuote || n instanceof ThematicBreak);
        assertThat(nodes.stream().filter(Code.class::isInstance).map(n -> ((Code) n).getLiteral()))
                .allMatch(code -> code.matches("[0-9a-f-]{36}|mentee-[0-9a-f-]{36}|mentor-[0-9a-f-]{36}|[0-9a-f]{64}"));
        // each typed line is one list item with the typed text (line breaks shown as spaces)
        List<String> items = nodes.stream().filter(ListItem.class::isInstance).map(AgreementDocumentTest::text).toList();
        assertThat(items).contains("# Heading", "[x](http://evil)", "![i](http://evil/p.png)", "Goal ## x",
                "<img src=x onerror=alert(1)>", "``` code", "1. not a list",
                "Mentee: # Mentee ## Injected (" + pair.mentee() + ")", "Mentor: <script>alert(1)</script> (" + pair.mentor() + ")");
        assertThat(text(document)).contains("| a | b | |---|---|", "> quote - item");

        // the PDF prints the same text, without the escapes
        String pdf = new String(given().auth().oauth2(pair.mentorToken()).accept("application/pdf").get(BASE + "/{id}/document", id)
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.ISO_8859_1);
        assertThat(pdf).contains("- # Heading", "- ![i]\\(http://evil/p.png\\)", "- Goal ## x", "Mentee: # Mentee ## Injected")
                .doesNotContain("\\\\#", "\\\\[");
    }

    private static void collect(Node node, List<Node> into) {
        into.add(node);
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, into);
        }
    }

    /** The text of a node: its Text and Code contents, blocks separated by a space. */
    private static String text(Node node) {
        if (node instanceof Text t) {
            return t.getLiteral();
        }
        if (node instanceof Code c) {
            return c.getLiteral();
        }
        StringBuilder s = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            String part = text(child);
            if (!s.isEmpty() && child instanceof org.commonmark.node.Block) {
                s.append(' ');
            }
            s.append(part);
        }
        return s.toString();
    }
}
