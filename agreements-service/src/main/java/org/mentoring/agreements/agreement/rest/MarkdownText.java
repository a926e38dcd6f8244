package org.mentoring.agreements.agreement.rest;

/**
 * What people typed (goals, topics, names, sharing permissions), made literal text inside a Markdown line: it can
 * neither start a block (heading, list, quote, code fence, thematic break, table row) nor form inline markup (links,
 * images, emphasis, code, HTML, autolinks, entity references, strikethrough, math).
 */
final class MarkdownText {

    /** Inline markup characters, backslash-escaped wherever they occur (CommonMark escapes any ASCII punctuation). */
    private static final String INLINE = "\\`*_[]<>|~&${}";

    /** Characters that start a block when they open a line, escaped there only. */
    private static final String BLOCK_START = "#+-=>";

    private MarkdownText() {
    }

    /**
     * The text as Markdown that renders as exactly that text on one line: line breaks and tabs become spaces,
     * leading and trailing blanks go, markup characters are backslash-escaped. {@code null} is the empty string.
     */
    static String literal(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\r\\n\\t\\u000B\\u000C\\u0085\\u2028\\u2029]+", " ").strip();
        StringBuilder md = new StringBuilder(line.length() + 16);
        int digits = 0;
        while (digits < line.length() && line.charAt(digits) >= '0' && line.charAt(digits) <= '9') {
            digits++;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean opensBlock = i == 0 && BLOCK_START.indexOf(c) >= 0
                    // "1." or "1)" would start an ordered list
                    || i == digits && digits > 0 && (c == '.' || c == ')');
            if (INLINE.indexOf(c) >= 0 || opensBlock) {
                md.append('\\');
            }
            md.append(c);
        }
        return md.toString();
    }

    /** The inverse for a renderer of plain text: backslash escapes resolved, code span marks dropped. */
    static String plain(String markdown) {
        StringBuilder text = new StringBuilder(markdown.length());
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == '\\' && i + 1 < markdown.length() && isAsciiPunctuation(markdown.charAt(i + 1))) {
                text.append(markdown.charAt(++i));
            } else if (c != '`') {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }
}
