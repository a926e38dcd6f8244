package org.mentoring.contracts.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes what callers sent safe to log, for the services and the gateway alike. Text a person typed, request paths
 * and messages that may quote them go into a log line only through here:
 * <ul>
 *   <li>line breaks and other control characters (including Unicode's line and paragraph separators and the
 *   direction overrides) become {@code _}, so no value can start a forged log line or hide the rest of one;</li>
 *   <li>long values are cut, so one request cannot flood the log;</li>
 *   <li>a path segment that is itself a credential (the calendar feed token after {@code /feeds/}) is replaced by
 *   {@value #MASK}, wherever it appears (a path, or an error message quoting a URL): whoever reads the log must
 *   not be able to subscribe to someone's calendar.</li>
 * </ul>
 */
public final class LogSafe {

    /** What a secret path segment is logged as. */
    public static final String MASK = "{secret}";
    /** A segment that is a credential: the one after {@code /feeds/}. */
    private static final Pattern SECRET_SEGMENT = Pattern.compile("(/feeds/)[^/\\s?#;]+");
    private static final int MAX_TEXT = 500;
    private static final int MAX_PATH = 300;
    private static final Pattern UNSAFE = Pattern.compile(
            "[\\p{Cntrl}\\u0085\\u2028\\u2029\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private LogSafe() {
    }

    /** Free text (a reason, a name, an error message) on one line, cut at 500 characters; {@code -} for none. */
    public static String text(String value) {
        return clean(value, MAX_TEXT);
    }

    /** A request path, on one line, cut at 300 characters; {@code -} for none. */
    public static String path(String path) {
        return clean(path, MAX_PATH);
    }

    private static String clean(String value, int max) {
        if (value == null) {
            return "-";
        }
        String masked = SECRET_SEGMENT.matcher(value).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        String cut = masked.length() > max ? masked.substring(0, max) + "..." : masked;
        return UNSAFE.matcher(cut).replaceAll("_");
    }
}
