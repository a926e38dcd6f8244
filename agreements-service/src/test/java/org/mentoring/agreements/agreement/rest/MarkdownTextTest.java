package org.mentoring.agreements.agreement.rest;

import org.commonmark.node.BulletList;
import org.commonmark.node.Document;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Typed text rendered by a CommonMark parser in every place the agreement document puts it: literal text, one line. */
class MarkdownTextTest {

    private static final Parser COMMONMARK = Parser.builder().build();

    /** Nasty input, and the text a reader must see (line breaks and tabs become spaces, the ends are trimmed). */
    private static final Map<String, String> NASTY = new LinkedHashMap<>();

    static {
        for (String same : new String[]{
                "# Heading", "###### Small heading", "#no space", "[x](http://evil)", "![i](http://evil/p.png)",
                "[ref][r]", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<div>block</div>", "<!-- hidden -->",
                "<http://evil>", "<mail@evil.example>", "``` fenced", "~~~ fenced", "`code`", "``double``", "- item", "+ item",
                "* item", "1. item", "12) item", "> quote", "---", "***", "___", "===", "- - -", "| a | b |", "|---|---|",
                "*emph* _emph_ **strong** __strong__", "~~strike~~", "&amp; &#60; &copy;", "$x^2$", "{#id .class}",
                "ends with a backslash\\", "\\# already escaped", "\\[x\\](y)", "back\\`tick", "[ref]: http://evil",
                "C# & R&D", "e.g. 2. the second", "Prof. Senior", "Use AI tools for the institute's weekly reporting",
                "x <b>bold</b> y", "a_b_c", "2026. A year", "1.5 days"}) {
            NASTY.put(same, same);
        }
        NASTY.put("Goal\n## x", "Goal ## x");
        NASTY.put("Goal\r\n# x", "Goal # x");
        NASTY.put("Line one\n\nLine two", "Line one Line two");
        NASTY.put("a\n- b\n> c\n```\nd\n```", "a - b > c ``` d ```");
        NASTY.put("| a |\n|---|\n| b |", "| a | |---| | b |");
        NASTY.put("    indented code", "indented code");
        NASTY.put("\t# tabbed heading", "# tabbed heading");
        NASTY.put("text\u2028# after a line separator", "text # after a line separator");
        NASTY.put("hard break  \nnext", "hard break   next");
        NASTY.put("[x]\n(http://evil)", "[x] (http://evil)");
        NASTY.put("setext\n===", "setext ===");
    }

    @Test
    void typedTextIsLiteralAtTheStartOfALine() {
        NASTY.forEach((typed, shown) -> assertLiteral(MarkdownText.literal(typed), shown, typed));
    }

    @Test
    void typedTextIsLiteralInAListItem() {
        NASTY.forEach((typed, shown) -> {
            Document doc = (Document) COMMONMARK.parse("- " + MarkdownText.literal(typed) + "\n");
            assertThat(doc.getFirstChild()).as(typed).isInstanceOf(BulletList.class);
            assertThat(doc.getFirstChild().getNext()).as(typed).isNull();
            Node item = doc.getFirstChild().getFirstChild();
            assertThat(item).as(typed).isInstanceOf(ListItem.class);
            assertThat(item.getNext()).as(typed).isNull();
            assertParagraphOfText(item.getFirstChild(), shown, typed);
        });
    }

    @Test
    void typedTextIsLiteralAfterALabelAndInANumberedList() {
        NASTY.forEach((typed, shown) -> {
            assertLiteral("Mentee: " + MarkdownText.literal(typed), "Mentee: " + shown, typed);
            Document doc = (Document) COMMONMARK.parse("1. " + MarkdownText.literal(typed) + "\n");
            assertThat(doc.getFirstChild()).as(typed).isInstanceOf(OrderedList.class);
            assertParagraphOfText(doc.getFirstChild().getFirstChild().getFirstChild(), shown, typed);
        });
    }

    @Test
    void aPlainTextRendererGetsTheTypedTextBack() {
        NASTY.forEach((typed, shown) -> assertThat(MarkdownText.plain(MarkdownText.literal(typed))).as(typed).isEqualTo(shown));
        assertThat(MarkdownText.plain("- Agreement: `1234`")).isEqualTo("- Agreement: 1234");
    }

    @Test
    void ordinaryTextStaysReadable() {
        assertThat(MarkdownText.literal("Use AI tools in my group, e.g. for reports.")).isEqualTo("Use AI tools in my group, e.g. for reports.");
        assertThat(MarkdownText.literal("Prof. Senior")).isEqualTo("Prof. Senior");
        assertThat(MarkdownText.literal(null)).isEmpty();
        assertThat(MarkdownText.literal(" \n ")).isEmpty();
    }

    /** The markdown is one paragraph whose only content is the text {@code shown}. */
    private static void assertLiteral(String markdown, String shown, String typed) {
        Document doc = (Document) COMMONMARK.parse(markdown + "\n");
        assertParagraphOfText(doc.getFirstChild(), shown, typed);
        assertThat(doc.getFirstChild().getNext()).as(typed).isNull();
    }

    private static void assertParagraphOfText(Node block, String shown, String typed) {
        assertThat(block).as("block of " + typed).isInstanceOf(Paragraph.class);
        assertThat(block.getNext()).as("one block for " + typed).isNull();
        StringBuilder text = new StringBuilder();
        for (Node inline = block.getFirstChild(); inline != null; inline = inline.getNext()) {
            assertThat(inline).as("inline of " + typed).isInstanceOf(Text.class);
            text.append(((Text) inline).getLiteral());
        }
        assertThat(text.toString()).as(typed).isEqualTo(shown);
    }
}
