package org.mentoring.contracts.statistics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmallCountsTest {

    @Test
    void aSmallCountWithoutATotalIsWithheldAloneAndZeroAndLargeOnesAreShown() {
        SmallCounts.Result r = new SmallCounts().count("a", 0).count("b", 1).count("c", 4).count("d", 5).count("e", 120).suppress();

        assertThat(r.values()).containsEntry("a", 0L).containsEntry("b", null).containsEntry("c", null)
                .containsEntry("d", 5L).containsEntry("e", 120L);
        assertThat(r.suppressed()).containsExactly("b", "c");
    }

    @Test
    void aSingleSmallCellUnderAShownTotalTakesTheNextSmallestNonZeroCellWithIt() {
        SmallCounts.Result r = new SmallCounts()
                .count("total", 30).count("a", 1).count("b", 0).count("c", 9).count("d", 20)
                .sum("total", List.of("a", "b", "c", "d")).suppress();

        assertThat(r.value("total")).isEqualTo(30L);
        assertThat(r.value("b")).isZero();
        assertThat(r.value("d")).isEqualTo(20L);
        assertThat(r.isSuppressed("a")).isTrue();
        assertThat(r.isSuppressed("c")).isTrue();
        assertThat(r.suppressed()).containsExactly("a", "c");
    }

    @Test
    void noWithheldCountCanBeWorkedOutAsTheTotalMinusTheOthers() {
        // two small cells under a shown total: their sum is known, neither alone
        SmallCounts.Result two = new SmallCounts().count("total", 12).count("a", 2).count("b", 3).count("c", 7)
                .sum("total", List.of("a", "b", "c")).suppress();
        assertThat(two.suppressed()).containsExactly("a", "b");
        assertThat(two.value("c")).isEqualTo(7L);

        // one small cell and a cell the source already withheld: protected already
        SmallCounts.Result withheld = new SmallCounts().count("total", 12).count("a", 2).count("b", (Long) null).count("c", 7)
                .sum("total", List.of("a", "b", "c")).suppress();
        assertThat(withheld.suppressed()).containsExactly("a", "b");
    }

    @Test
    void aTotalIsWithheldWhenNoPartIsLeftToWithhold() {
        // u = e + f and t = e + z: f is small, e joins it; then t (with z zero) would tell e, and only totals are left
        SmallCounts.Result r = new SmallCounts().count("u", 9).count("t", 7).count("e", 7).count("f", 2).count("z", 0)
                .sum("u", List.of("e", "f")).sum("t", List.of("e", "z")).suppress();
        assertThat(r.suppressed()).containsExactly("f", "e", "t");
        assertThat(r.value("u")).isEqualTo(9L);
        assertThat(r.value("z")).isZero();
    }

    @Test
    void aTwoDimensionalTableWithItsMarginalsIsSafeInEveryRowAndColumn() {
        // rows r1, r2, r3; columns k1, k2, k3; one small cell at (r2, k2)
        long[][] cells = {{10, 12, 9}, {11, 2, 8}, {7, 15, 6}};
        SmallCounts counts = new SmallCounts();
        long grand = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                counts.count(cell(i, j), cells[i][j]);
                grand += cells[i][j];
            }
        }
        for (int i = 0; i < 3; i++) {
            counts.count("row" + i, cells[i][0] + cells[i][1] + cells[i][2]);
        }
        for (int j = 0; j < 3; j++) {
            counts.count("col" + j, cells[0][j] + cells[1][j] + cells[2][j]);
        }
        counts.count("grand", grand);
        List<String> rows = new ArrayList<>();
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            counts.sum("row" + i, List.of(cell(i, 0), cell(i, 1), cell(i, 2)));
            counts.sum("col" + i, List.of(cell(0, i), cell(1, i), cell(2, i)));
            rows.add("row" + i);
            cols.add("col" + i);
        }
        counts.sum("grand", rows).sum("grand", cols);
        SmallCounts.Result r = counts.suppress();

        assertThat(r.suppressed()).hasSize(4).contains(cell(1, 1));
        // every row and every column holds none or at least two withheld cells
        for (int i = 0; i < 3; i++) {
            int inRow = 0;
            int inCol = 0;
            for (int j = 0; j < 3; j++) {
                inRow += r.isSuppressed(cell(i, j)) ? 1 : 0;
                inCol += r.isSuppressed(cell(j, i)) ? 1 : 0;
            }
            assertThat(inRow).isNotEqualTo(1);
            assertThat(inCol).isNotEqualTo(1);
        }
        // the smallest partner each time: 8 in its row, then 12 in its column, then 9 beside that: a rectangle
        assertThat(r.suppressed()).containsExactly(cell(1, 1), cell(1, 2), cell(0, 1), cell(0, 2));
        assertThat(r.value("grand")).isEqualTo(grand);
    }

    @Test
    void whenEverythingIsSmallEverythingButZeroIsWithheld() {
        SmallCounts.Result r = new SmallCounts().count("total", 4).count("a", 1).count("b", 3).count("c", 0)
                .sum("total", List.of("a", "b", "c")).suppress();
        assertThat(r.values()).containsEntry("total", null).containsEntry("a", null).containsEntry("b", null)
                .containsEntry("c", 0L);
        assertThat(r.suppressed()).containsExactly("total", "a", "b");
    }

    @Test
    void aTotalKnownFromElsewhereIsNeverPublishedButStillCounted() {
        SmallCounts.Result r = new SmallCounts().known("elsewhere", 8).count("a", 1).count("b", 7)
                .sum("elsewhere", List.of("a", "b")).suppress();
        assertThat(r.values()).containsOnlyKeys("a", "b");
        assertThat(r.suppressed()).containsExactly("a", "b");

        // a small known total is withheld wherever it is published: nothing to protect against
        SmallCounts.Result small = new SmallCounts().known("elsewhere", 4).count("a", 4).count("b", 0)
                .sum("elsewhere", List.of("a", "b")).suppress();
        assertThat(small.suppressed()).containsExactly("a");
    }

    @Test
    void twoSumsOverTheSameTotalAreProtectedTogether() {
        // the same pairs split by outcome and by meetings held
        SmallCounts.Result r = new SmallCounts().count("pairs", 7)
                .count("outcomes.active", 6).count("outcomes.completed", 1).count("outcomes.endedEarly", 0)
                .count("held.0", 2).count("held.1-2", 5)
                .sum("pairs", List.of("outcomes.active", "outcomes.completed", "outcomes.endedEarly"))
                .sum("pairs", List.of("held.0", "held.1-2")).suppress();
        assertThat(r.suppressed()).containsExactly("outcomes.completed", "held.0", "outcomes.active", "held.1-2");
        assertThat(r.value("pairs")).isEqualTo(7L);
        assertThat(r.value("outcomes.endedEarly")).isZero();
    }

    @Test
    void aCountInTwoSumsIsProtectedInBoth() {
        // x = a + b and y = b + c: a is small, b joins it for x; then y would tell b, so c joins too
        SmallCounts.Result r = new SmallCounts().count("x", 10).count("y", 12).count("a", 3).count("b", 7).count("c", 5)
                .sum("x", List.of("a", "b")).sum("y", List.of("b", "c")).suppress();
        assertThat(r.suppressed()).containsExactly("a", "b", "c");
        assertThat(r.value("x")).isEqualTo(10L);
        assertThat(r.value("y")).isEqualTo(12L);
    }

    @Test
    void rankIsExact() {
        assertThat(SmallCounts.rank(new long[][] {{1, -1, 0}, {0, 1, -1}, {1, 0, -1}})).isEqualTo(2);
        assertThat(SmallCounts.rank(new long[][] {{1, 1}, {1, -1}})).isEqualTo(2);
        assertThat(SmallCounts.rank(new long[0][0])).isZero();
    }

    @Test
    void sumsMustNameDeclaredCountsOnce() {
        assertThatThrownBy(() -> new SmallCounts().count("a", 1).sum("t", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t");
        assertThatThrownBy(() -> new SmallCounts().count("a", 1).count("a", 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmallCounts().count("a", 1).suppress().value("b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String cell(int row, int col) {
        return "cell" + row + col;
    }
}
