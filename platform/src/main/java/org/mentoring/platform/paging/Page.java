package org.mentoring.platform.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answer: {@code {"items": [...], "nextCursor": "..."}}. {@code nextCursor} is
 * {@code null} on the last page; pass it back as {@code cursor} to read the next one.
 */
public record Page<T>(List<T> items,
                      @Schema(description = "Pass it as cursor to read the next page; null on the last page", nullable = true)
                      String nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows read in keyset order: the extra row only tells
     * that more exist, and the cursor points after the last row returned.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, Cursor> cursorOf, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
