package org.mentoring.agreements.agreement.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal PDF 1.4 writer (no dependency): monospaced text on A4 pages, long lines wrapped, headings in bold.
 * Enough for the agreement document; characters outside Latin-1 are printed as '?'.
 */
final class SimplePdf {

    private static final int WIDTH = 595;
    private static final int HEIGHT = 842;
    private static final int MARGIN = 50;
    private static final int FONT_SIZE = 9;
    private static final int LEADING = 12;
    private static final int COLUMNS = 90;
    private static final int LINES_PER_PAGE = (HEIGHT - 2 * MARGIN) / LEADING;

    private SimplePdf() {
    }

    /** One printed line: its text and whether it is a heading. */
    record Line(String text, boolean bold) {
    }

    /** Renders Markdown as plain text: headings in bold without their #, inline code marks removed, escapes resolved. */
    static byte[] fromMarkdown(String markdown) {
        List<Line> lines = new ArrayList<>();
        for (String raw : markdown.split("\n", -1)) {
            boolean heading = raw.startsWith("#");
            String text = MarkdownText.plain(raw.replaceFirst("^#+\\s*", ""));
            if (text.matches("\\|(-+\\|)+")) {
                continue; // table separator rows
            }
            for (String part : wrap(text)) {
                lines.add(new Line(part, heading));
            }
        }
        return render(lines);
    }

    private static List<String> wrap(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > COLUMNS) {
            int cut = rest.lastIndexOf(' ', COLUMNS);
            if (cut <= 0) {
                cut = COLUMNS;
            }
            parts.add(rest.substring(0, cut));
            rest = "    " + rest.substring(cut).stripLeading();
        }
        parts.add(rest);
        return parts;
    }

    static byte[] render(List<Line> lines) {
        List<List<Line>> pages = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += LINES_PER_PAGE) {
            pages.add(lines.subList(i, Math.min(lines.size(), i + LINES_PER_PAGE)));
        }
        if (pages.isEmpty()) {
            pages.add(List.of());
        }
        List<byte[]> objects = new ArrayList<>();
        // 1 catalog, 2 pages, 3 regular font, 4 bold font, then a page and its content per page
        StringBuilder kids = new StringBuilder();
        for (int p = 0; p < pages.size(); p++) {
            kids.append(5 + 2 * p).append(" 0 R ");
        }
        objects.add(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
        objects.add(ascii("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages.size() + " >>"));
        objects.add(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"));
        objects.add(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>"));
        for (int p = 0; p < pages.size(); p++) {
            int contentId = 6 + 2 * p;
            objects.add(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + WIDTH + " " + HEIGHT + "] "
                    + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " + contentId + " 0 R >>"));
            byte[] stream = content(pages.get(p));
            ByteArrayOutputStream obj = new ByteArrayOutputStream();
            obj.writeBytes(ascii("<< /Length " + stream.length + " >>\nstream\n"));
            obj.writeBytes(stream);
            obj.writeBytes(ascii("\nendstream"));
            objects.add(obj.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            out.writeBytes(ascii((i + 1) + " 0 obj\n"));
            out.writeBytes(objects.get(i));
            out.writeBytes(ascii("\nendobj\n"));
        }
        long xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        out.writeBytes(ascii(table.toString()));
        return out.toByteArray();
    }

    private static byte[] content(List<Line> lines) {
        StringBuilder s = new StringBuilder("BT\n").append(LEADING).append(" TL\n")
                .append(MARGIN).append(' ').append(HEIGHT - MARGIN).append(" Td\n");
        for (Line line : lines) {
            s.append(line.bold() ? "/F2 " : "/F1 ").append(FONT_SIZE).append(" Tf\n");
            s.append('(').append(escape(line.text())).append(") Tj T*\n");
        }
        s.append("ET");
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String escape(String text) {
        StringBuilder s = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 32 || c > 255) {
                s.append('?');
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
