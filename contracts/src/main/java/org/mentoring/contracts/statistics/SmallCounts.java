package org.mentoring.contracts.statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small-count suppression of a published table of counts, so that no person can be singled out.
 * <p>
 * Every count from 1 to {@value #MIN_GROUP} - 1 is withheld (primary suppression); zero is shown. Then, as long as a
 * withheld count could be worked out from what is shown, through the sums the table declares (a total minus the
 * other parts, a row against its column, one sum against another), one more count is withheld: the smallest non-zero
 * part of the sum that gives it away (of any sum it takes part in, or a total, when none is left): complementary
 * suppression.
 * Whether a withheld count can be worked out is decided exactly: it can when it is fixed by the system of sums with
 * the shown counts as knowns.
 * <p>
 * Paths name the figures as the response shows them ({@code byStatus.DRAFT}); {@link Result#suppressed()} lists the
 * withheld ones, first those withheld for being small, in the order declared, then those withheld to protect them.
 * Plain Java with no dependencies: the services use it on their statistics and the gateway on its report.
 */
public final class SmallCounts {

    /** The smallest count shown other than zero. */
    public static final int MIN_GROUP = 5;

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<Sum> sums = new ArrayList<>();

    /** True for a count of 1 to {@value #MIN_GROUP} - 1: one that is never shown. */
    public static boolean small(long count) {
        return count > 0 && count < MIN_GROUP;
    }

    /** A published count. */
    public SmallCounts count(String path, long value) {
        return add(new Figure(path, value, true));
    }

    /** A published count; {@code null} when it is already withheld (by its source, or for a reason of the caller's). */
    public SmallCounts count(String path, Long value) {
        return add(new Figure(path, value, true));
    }

    /**
     * A count the reader may know from elsewhere (another endpoint, another service) though it is not published here:
     * never withheld here, never listed, but it takes part in the sums so that nothing can be worked out against it.
     * A small one counts as unknown, as it is withheld wherever it is published.
     */
    public SmallCounts known(String path, long value) {
        return add(new Figure(path, value, false));
    }

    /** Declares that {@code total} is the sum of {@code parts}; all of them declared before. */
    public SmallCounts sum(String total, Collection<String> parts) {
        List<Figure> members = new ArrayList<>();
        for (String part : parts) {
            members.add(figure(part));
        }
        sums.add(new Sum(figure(total), List.copyOf(members)));
        return this;
    }

    /** Withholds what must be withheld; the builder may not be used afterwards. */
    public Result suppress() {
        List<String> suppressed = new ArrayList<>();
        for (Figure f : figures.values()) {
            f.hidden = f.value == null || small(f.value);
            if (f.hidden && f.published) {
                suppressed.add(f.path);
            }
        }
        List<Figure> givenUp = new ArrayList<>();
        while (true) {
            Figure exposed = firstDetermined(givenUp);
            if (exposed == null) {
                break;
            }
            Figure extra = complement(exposed);
            if (extra == null) {
                // Nothing left in its sums that could still be withheld: it cannot be protected further.
                givenUp.add(exposed);
                continue;
            }
            extra.hidden = true;
            suppressed.add(extra.path);
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (Figure f : figures.values()) {
            if (f.published) {
                values.put(f.path, f.hidden ? null : f.value);
            }
        }
        return new Result(Collections.unmodifiableMap(values), List.copyOf(suppressed));
    }

    /** The published figures after suppression. */
    public record Result(Map<String, Long> values, List<String> suppressed) {

        /** The figure as it may be shown: null when withheld. */
        public Long value(String path) {
            if (!values.containsKey(path)) {
                throw new IllegalArgumentException("No published count " + path);
            }
            return values.get(path);
        }

        public boolean isSuppressed(String path) {
            return value(path) == null;
        }
    }

    private SmallCounts add(Figure figure) {
        if (figures.putIfAbsent(figure.path, figure) != null) {
            throw new IllegalArgumentException("Count " + figure.path + " is declared twice");
        }
        return this;
    }

    private Figure figure(String path) {
        Figure f = figures.get(path);
        if (f == null) {
            throw new IllegalArgumentException("Count " + path + " is used in a sum before it is declared");
        }
        return f;
    }

    /**
     * A withheld figure whose value the shown figures and the sums fix, or null when there is none: first one that a
     * single sum gives away (every other member of it shown), else the first in declaration order.
     */
    private Figure firstDetermined(List<Figure> givenUp) {
        List<Figure> hidden = figures.values().stream().filter(f -> f.hidden).toList();
        if (hidden.isEmpty() || sums.isEmpty()) {
            return null;
        }
        int full = rank(matrix(hidden, null));
        Figure first = null;
        for (Figure f : hidden) {
            if (!givenUp.contains(f) && inSomeSum(f) && rank(matrix(hidden, f)) < full) {
                if (sums.stream().anyMatch(s -> s.contains(f) && s.onlyHidden(f))) {
                    return f;
                }
                first = first == null ? f : first;
            }
        }
        return first;
    }

    /**
     * The figure to withhold next to protect {@code exposed}: the smallest shown non-zero published part of a sum in which
     * it is the only one withheld; failing that, of any sum it takes part in; failing that, the smallest such total;
     * failing that, null.
     */
    private Figure complement(Figure exposed) {
        List<Sum> alone = sums.stream().filter(s -> s.contains(exposed) && s.onlyHidden(exposed)).toList();
        List<Sum> all = sums.stream().filter(s -> s.contains(exposed)).toList();
        Figure best = smallest(alone.stream().flatMap(s -> s.parts.stream()).toList());
        if (best == null) {
            best = smallest(all.stream().flatMap(s -> s.parts.stream()).toList());
        }
        return best != null ? best : smallest(all.stream().map(Sum::total).toList());
    }

    private static Figure smallest(List<Figure> candidates) {
        Figure best = null;
        for (Figure f : candidates) {
            if (!f.hidden && f.published && f.value != null && f.value > 0 && (best == null || f.value < best.value)) {
                best = f;
            }
        }
        return best;
    }

    private boolean inSomeSum(Figure f) {
        return sums.stream().anyMatch(s -> s.contains(f));
    }

    /** One row per sum (total - parts = 0), one column per withheld figure but {@code without}. */
    private long[][] matrix(List<Figure> hidden, Figure without) {
        List<Figure> columns = hidden.stream().filter(f -> f != without).toList();
        long[][] m = new long[sums.size()][columns.size()];
        for (int r = 0; r < sums.size(); r++) {
            Sum s = sums.get(r);
            for (int c = 0; c < columns.size(); c++) {
                Figure f = columns.get(c);
                long coefficient = 0;
                if (s.total == f) {
                    coefficient++;
                }
                for (Figure p : s.parts) {
                    if (p == f) {
                        coefficient--;
                    }
                }
                m[r][c] = coefficient;
            }
        }
        return m;
    }

    /** Rank by exact fraction-free elimination; rows are kept small by dividing out their common factor. */
    static int rank(long[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        long[][] a = new long[rows][];
        for (int r = 0; r < rows; r++) {
            a[r] = m[r].clone();
        }
        int rank = 0;
        for (int c = 0; c < cols && rank < rows; c++) {
            int pivot = -1;
            for (int r = rank; r < rows; r++) {
                if (a[r][c] != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long[] swap = a[rank];
            a[rank] = a[pivot];
            a[pivot] = swap;
            for (int r = rank + 1; r < rows; r++) {
                if (a[r][c] == 0) {
                    continue;
                }
                long p = a[rank][c];
                long q = a[r][c];
                for (int k = c; k < cols; k++) {
                    a[r][k] = a[r][k] * p - a[rank][k] * q;
                }
                normalise(a[r]);
            }
            rank++;
        }
        return rank;
    }

    private static void normalise(long[] row) {
        long g = 0;
        for (long v : row) {
            g = gcd(g, Math.abs(v));
        }
        if (g > 1) {
            for (int i = 0; i < row.length; i++) {
                row[i] /= g;
            }
        }
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static final class Figure {
        final String path;
        final Long value;
        final boolean published;
        boolean hidden;

        Figure(String path, Long value, boolean published) {
            this.path = path;
            this.value = value;
            this.published = published;
        }
    }

    private record Sum(Figure total, List<Figure> parts) {
        boolean contains(Figure f) {
            return total == f || parts.contains(f);
        }

        boolean onlyHidden(Figure f) {
            return (total == f || !total.hidden) && parts.stream().allMatch(p -> p == f || !p.hidden);
        }
    }
}
