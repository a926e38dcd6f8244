package org.mentoring.matching.engine;

import java.util.Arrays;

/**
 * The exact solver: among all assignments that respect the mentor capacities, one with the largest number of
 * matched mentees and, among those, the largest total score.
 *
 * <h2>Model</h2>
 * A min-cost flow. One side of the bipartite graph is the "row" side, whose units are routed one at a time; the
 * other is the "column" side with capacities. Every row unit may also go to a single dummy column meaning
 * "unmatched". Costs are {@code S - score} for a real pair (S the largest score, so costs are 0 or more) and
 * {@code S + B} for the dummy, with {@code B > S * maxPairs}. Routing every unit at least cost then maximises
 * {@code matched * B + totalScore}: one more pair always outweighs any score difference, which is exactly the
 * lexicographic objective (matched count first, then score), in exact {@code long} arithmetic.
 *
 * <h2>Algorithm</h2>
 * Successive shortest paths with node potentials (the Jonker-Volgenant shortest augmenting path scheme,
 * generalised to capacities and to rows that may stay unmatched):
 * <ol>
 * <li>Row reduction: each row's potential makes its cheapest edge tight; a row whose cheapest column has room
 * takes it at once.</li>
 * <li>Augmenting row reduction (Jonker-Volgenant, two passes, auction-like): a free row takes its cheapest column
 * of capacity 1, raising that column's price to its second-cheapest option and pushing out the previous
 * holder.</li>
 * <li>For each row still free: Dijkstra on the residual graph with reduced costs (all 0 or more), stopping at the
 * first column with room (or the dummy); augment along the path; update only the potentials of the nodes it
 * settled, so columns with room keep potential 0. Residual arcs from a full column back to its rows have reduced
 * cost 0, so rows never enter the heap: they are expanded when their column is settled.</li>
 * </ol>
 * <ul>
 * <li>Orientation: the side with fewer units is the row side (mentees when there are no more mentees than
 * usable mentor places; otherwise the mentors' places), so that few units end on the dummy, the only expensive
 * case (Dijkstra then has to explore the whole reachable component). A mentor of capacity k on the row side
 * becomes k rows of one unit that share the mentor's edges (nothing is copied), so every row holds at most one
 * pair and the pair it holds stays tight.</li>
 * <li>Sparse graphs use an indexed binary heap keyed by (distance, no room), so that on ties a column with room
 * ends the search first. Dense graphs (at least a quarter of all pairs feasible) scan a score matrix row by row
 * in memory order, relaxing and finding the next column in the same pass; a complete graph's rows already are
 * that matrix, so nothing is copied.</li>
 * </ul>
 * At the end the solver checks an optimality certificate over every edge: reduced costs non-negative on residual
 * arcs, zero on used ones, free columns at potential 0, full ones at most 0. A run that passes it is optimal
 * (linear programming duality); {@link Assignment#certified()} reports it.
 *
 * <h2>Determinism</h2>
 * No hashing, no randomness, no threads: the same graph always gives the same assignment. Callers that want the
 * result independent of the input order sort their participants (the engine sorts by id).
 */
public final class OptimalMatcher {

    /** Graphs with at least this share of all pairs feasible are solved with the dense array scan. */
    private static final double DENSE_SHARE = 0.25;
    /** The dense scan needs a rows x columns int matrix unless the graph is complete; cap its size. */
    private static final long MAX_DENSE_CELLS = 40_000_000L;

    private OptimalMatcher() {
    }

    /**
     * Solves {@code graph} exactly.
     *
     * @throws IllegalArgumentException when scores and sizes are too large for exact 64-bit arithmetic
     */
    public static Assignment solve(MatchingGraph graph) {
        return new FlowRun(graph).run();
    }

    /** One solve: all the working arrays. */
    private static final class FlowRun {
        private static final long INF = Long.MAX_VALUE / 4;
        private static final int DUMMY = -2;

        private final MatchingGraph graph;
        private final boolean menteeRows;
        private final int rows;
        private final int cols;
        private final long maxScore;
        private final long dummyCost;

        /** Per row unit, the adjacency row it uses: the mentee itself, or the mentor whose place it is. */
        private final int[] rowOwner;
        /** Per row unit, whether it still has to be routed. */
        private final boolean[] pending;
        /** Per row unit, whether it ended on the dummy (unmatched). */
        private final boolean[] onDummy;
        /** Usable capacity per column. */
        private final int[] colCap;
        private final int[] colCount;
        private final int[] colSlotStart;
        private final int[] colSlots;

        // sparse form: adjacency per owner
        private final int[] rStart;
        private final int[] rCol;
        private final int[] rScore;
        // dense form: score per (owner, col), -1 for an infeasible pair
        private final int[] matrix;

        private final long[] rowPot;
        private final long[] colPot;

        // Dijkstra working state
        private final long[] dist;
        private final int[] predRow;
        private final int[] viaCol;
        private final long[] rowDist;
        private final int[] rowStamp;
        private int stamp;
        private final int[] visitedRows;
        private int visitedCount;
        // sparse: heap over columns
        private final int[] heap;
        private final int[] heapPos;
        /** Sparse: distance plus column potential of a reached column, INF when not reached, MIN when settled. */
        private final long[] bound;
        private final long[] heapKey;
        private int heapSize;
        private final int[] touched;
        private int touchedCount;
        private final int[] settled;
        private int settledCount;
        // dense: which columns are settled, and the rows reached through the column settled last
        private final boolean[] columnSettled;
        private final int[] denseQueue;

        FlowRun(MatchingGraph graph) {
            this.graph = graph;
            int n = graph.menteeCount();
            int m = graph.mentorCount();
            int[] start = graph.edgeStartArray();
            int[] mentor = graph.edgeMentorArray();
            int[] score = graph.edgeScoreArray();
            int[] capacity = graph.capacityArray();
            int edges = graph.edgeCount();

            int[] mentorDegree = new int[m];
            for (int e = 0; e < edges; e++) {
                mentorDegree[mentor[e]]++;
            }
            long menteeUnits = 0;
            for (int i = 0; i < n; i++) {
                if (start[i + 1] > start[i]) {
                    menteeUnits++;
                }
            }
            long mentorUnits = 0;
            for (int j = 0; j < m; j++) {
                mentorUnits += Math.min(capacity[j], mentorDegree[j]);
            }
            this.menteeRows = menteeUnits <= mentorUnits;
            this.maxScore = graph.maxScore();
            long maxPairs = Math.min(menteeUnits, mentorUnits);
            // B > maxScore * maxPairs; keep every distance far below Long.MAX_VALUE
            if (maxScore > 0 && maxPairs + 1 > (Long.MAX_VALUE / 64) / maxScore) {
                throw new IllegalArgumentException("scores and sizes too large for exact 64-bit arithmetic");
            }
            long bonus = maxScore * (maxPairs + 1) + 1;
            this.dummyCost = maxScore + bonus;

            if (menteeRows) {
                rows = n;
                cols = m;
                rowOwner = null;
                pending = new boolean[n];
                for (int i = 0; i < n; i++) {
                    pending[i] = start[i + 1] > start[i];
                }
                colCap = new int[m];
                for (int j = 0; j < m; j++) {
                    colCap[j] = Math.min(capacity[j], mentorDegree[j]);
                }
            } else {
                rows = (int) mentorUnits;
                cols = n;
                rowOwner = new int[rows];
                for (int j = 0, r = 0; j < m; j++) {
                    for (int k = Math.min(capacity[j], mentorDegree[j]); k > 0; k--) {
                        rowOwner[r++] = j;
                    }
                }
                pending = new boolean[rows];
                Arrays.fill(pending, true);
                colCap = new int[n];
                for (int i = 0; i < n; i++) {
                    colCap[i] = start[i + 1] > start[i] ? 1 : 0;
                }
            }
            onDummy = new boolean[rows];
            colCount = new int[cols];
            colSlotStart = new int[cols + 1];
            for (int y = 0; y < cols; y++) {
                colSlotStart[y + 1] = colSlotStart[y] + colCap[y];
            }
            colSlots = new int[colSlotStart[cols]];

            int owners = menteeRows ? n : m;
            long cells = (long) owners * cols;
            boolean dense = cells > 0 && edges >= DENSE_SHARE * cells
                    && (cells <= MAX_DENSE_CELLS || (menteeRows && edges == cells));
            if (dense) {
                rStart = null;
                rCol = null;
                rScore = null;
                if (menteeRows && edges == cells) {
                    matrix = score; // complete graph: the rows are already the matrix
                } else {
                    matrix = new int[(int) cells];
                    Arrays.fill(matrix, -1);
                    for (int i = 0; i < n; i++) {
                        for (int e = start[i]; e < start[i + 1]; e++) {
                            int j = mentor[e];
                            if (menteeRows) {
                                matrix[i * cols + j] = score[e];
                            } else {
                                matrix[j * cols + i] = score[e];
                            }
                        }
                    }
                }
                columnSettled = new boolean[cols];
                denseQueue = new int[rows];
                settled = new int[cols];
                heap = heapPos = touched = null;
                heapKey = bound = null;
            } else {
                matrix = null;
                columnSettled = null;
                denseQueue = null;
                if (menteeRows) {
                    rStart = start;
                    rCol = mentor;
                    rScore = score;
                } else {
                    rStart = new int[m + 1];
                    for (int j = 0; j < m; j++) {
                        rStart[j + 1] = rStart[j] + mentorDegree[j];
                    }
                    rCol = new int[edges];
                    rScore = new int[edges];
                    int[] fill = Arrays.copyOf(rStart, m);
                    for (int i = 0; i < n; i++) {
                        for (int e = start[i]; e < start[i + 1]; e++) {
                            int at = fill[mentor[e]]++;
                            rCol[at] = i;
                            rScore[at] = score[e];
                        }
                    }
                }
                heap = new int[cols];
                heapPos = new int[cols];
                Arrays.fill(heapPos, -1);
                heapKey = new long[cols];
                bound = new long[cols];
                Arrays.fill(bound, INF);
                touched = new int[cols];
                settled = new int[cols];
            }
            rowPot = new long[rows];
            colPot = new long[cols];
            dist = new long[cols];
            Arrays.fill(dist, INF);
            predRow = new int[cols];
            viaCol = new int[rows];
            rowDist = new long[rows];
            rowStamp = new int[rows];
            visitedRows = new int[rows];
        }

        Assignment run() {
            reduceRows();
            reduceRowsByAugmenting();
            for (int x = 0; x < rows; x++) {
                if (pending[x]) {
                    if (matrix != null) {
                        augmentDense(x);
                    } else {
                        augmentSparse(x);
                    }
                    pending[x] = false;
                }
            }
            int[] mentorOfMentee = new int[graph.menteeCount()];
            Arrays.fill(mentorOfMentee, -1);
            for (int y = 0; y < cols; y++) {
                for (int k = colSlotStart[y], end = k + colCount[y]; k < end; k++) {
                    if (menteeRows) {
                        mentorOfMentee[colSlots[k]] = y;
                    } else {
                        mentorOfMentee[y] = rowOwner[colSlots[k]];
                    }
                }
            }
            boolean certified = certificateHolds();
            if (!certified) {
                // cannot happen unless there is a bug; never hand out a wrong "optimal" silently
                throw new IllegalStateException("optimality certificate failed");
            }
            return Assignment.of(graph, mentorOfMentee, true);
        }

        // ---------------------------------------------------------------- initial potentials

        /** Row reduction: each row's cheapest edge becomes tight; a row takes a tight free column right away. */
        private void reduceRows() {
            for (int x = 0; x < rows; x++) {
                if (!pending[x]) {
                    continue;
                }
                int owner = owner(x);
                long minCost = INF;
                if (matrix != null) {
                    int base = owner * cols;
                    for (int y = 0; y < cols; y++) {
                        int s = matrix[base + y];
                        if (s >= 0) {
                            minCost = Math.min(minCost, maxScore - s);
                        }
                    }
                    rowPot[x] = -minCost;
                    for (int y = 0; y < cols; y++) {
                        int s = matrix[base + y];
                        if (s >= 0 && maxScore - s == minCost && colCount[y] < colCap[y]) {
                            addToColumn(y, x);
                            pending[x] = false;
                            break;
                        }
                    }
                } else {
                    for (int e = rStart[owner]; e < rStart[owner + 1]; e++) {
                        minCost = Math.min(minCost, maxScore - rScore[e]);
                    }
                    rowPot[x] = -minCost;
                    for (int e = rStart[owner]; e < rStart[owner + 1]; e++) {
                        int y = rCol[e];
                        if (maxScore - rScore[e] == minCost && colCount[y] < colCap[y]) {
                            addToColumn(y, x);
                            pending[x] = false;
                            break;
                        }
                    }
                }
            }
        }

        /**
         * Jonker-Volgenant's augmenting row reduction, two passes: a free row takes its cheapest column (in
         * reduced terms) and makes it dearer by the gap to its second cheapest, pushing out the row that held it,
         * which tries again at once. Only columns of capacity 1 change hands (a dearer column of capacity 2 or more
         * would untighten the other rows it holds); columns only get dearer once they hold a row, so free columns
         * stay at potential 0; every potential change keeps all reduced costs at least 0. A step budget guards
         * against long bidding wars, which Dijkstra then settles.
         */
        private void reduceRowsByAugmenting() {
            int[] free = new int[rows];
            int freeCount = 0;
            for (int x = 0; x < rows; x++) {
                if (pending[x]) {
                    free[freeCount++] = x;
                }
            }
            long budget = 8L * rows + 1000;
            for (int pass = 0; pass < 2 && freeCount > 0; pass++) {
                int k = 0;
                int previous = freeCount;
                freeCount = 0;
                while (k < previous) {
                    int x = free[k++];
                    if (--budget < 0) {
                        free[freeCount++] = x;
                        continue;
                    }
                    findTwoCheapest(x);
                    long u1 = cheapest;
                    long u2 = secondCheapest;
                    int y1 = cheapestCol;
                    int y2 = secondCol;
                    if (y1 < 0) {
                        free[freeCount++] = x; // the dummy is cheapest: leave it to Dijkstra
                        continue;
                    }
                    if (colCap[y1] != 1) {
                        if (colCount[y1] < colCap[y1]) {
                            rowPot[x] = -u1;
                            addToColumn(y1, x);
                            pending[x] = false;
                        } else {
                            free[freeCount++] = x;
                        }
                        continue;
                    }
                    int held = colCount[y1] > 0 ? colSlots[colSlotStart[y1]] : -1;
                    if (u1 < u2) {
                        colPot[y1] -= u2 - u1;
                        rowPot[x] = -u2;
                    } else {
                        rowPot[x] = -u1;
                        if (held >= 0) {
                            // tie: the second cheapest may be free
                            if (y2 < 0 || colCap[y2] != 1) {
                                if (y2 >= 0 && colCount[y2] < colCap[y2]) {
                                    addToColumn(y2, x);
                                    pending[x] = false;
                                } else {
                                    free[freeCount++] = x;
                                }
                                continue;
                            }
                            y1 = y2;
                            held = colCount[y1] > 0 ? colSlots[colSlotStart[y1]] : -1;
                        }
                    }
                    pending[x] = false;
                    if (held >= 0) {
                        colSlots[colSlotStart[y1]] = x;
                        pending[held] = true;
                        if (u1 < u2) {
                            free[--k] = held;
                        } else {
                            free[freeCount++] = held;
                        }
                    } else {
                        addToColumn(y1, x);
                    }
                }
            }
        }

        private long cheapest;
        private long secondCheapest;
        private int cheapestCol;
        private int secondCol;

        /** The two cheapest columns of row {@code x} in reduced terms (without the row potential); -1 = dummy. */
        private void findTwoCheapest(int x) {
            long u1 = dummyCost;
            long u2 = INF;
            int y1 = -1;
            int y2 = -1;
            int owner = owner(x);
            if (matrix != null) {
                int base = owner * cols;
                for (int y = 0; y < cols; y++) {
                    int s = matrix[base + y];
                    if (s < 0) {
                        continue;
                    }
                    long h = maxScore - s - colPot[y];
                    if (h < u2) {
                        if (h >= u1) {
                            u2 = h;
                            y2 = y;
                        } else {
                            u2 = u1;
                            y2 = y1;
                            u1 = h;
                            y1 = y;
                        }
                    }
                }
            } else {
                for (int e = rStart[owner], end = rStart[owner + 1]; e < end; e++) {
                    int y = rCol[e];
                    long h = maxScore - rScore[e] - colPot[y];
                    if (h < u2) {
                        if (h >= u1) {
                            u2 = h;
                            y2 = y;
                        } else {
                            u2 = u1;
                            y2 = y1;
                            u1 = h;
                            y1 = y;
                        }
                    }
                }
            }
            if (u2 > dummyCost) {
                u2 = dummyCost; // the dummy is always an option: never lift a row above it
                if (y1 >= 0) {
                    y2 = -1;
                }
            }
            cheapest = u1;
            secondCheapest = u2;
            cheapestCol = y1;
            secondCol = y2;
        }

        // ---------------------------------------------------------------- sparse Dijkstra

        private void augmentSparse(int start) {
            beginSearch(start);
            long bestDummy = dummyCost + rowPot[start];
            int dummyPred = start;
            relaxSparse(start, 0);
            int terminal;
            long mu;
            while (true) {
                if (heapSize == 0 || bestDummy < dist[heap[0]]) {
                    terminal = DUMMY;
                    mu = bestDummy;
                    break;
                }
                int y = heapPop();
                mu = dist[y];
                if (colCount[y] < colCap[y]) {
                    terminal = y;
                    break;
                }
                bound[y] = Long.MIN_VALUE; // settled: never relaxed again
                settled[settledCount++] = y;
                for (int k = colSlotStart[y], end = k + colCount[y]; k < end; k++) {
                    int x = colSlots[k];
                    if (rowStamp[x] == stamp) {
                        continue;
                    }
                    visitRow(x, mu, y);
                    long viaDummy = mu + dummyCost + rowPot[x];
                    if (viaDummy < bestDummy) {
                        bestDummy = viaDummy;
                        dummyPred = x;
                    }
                    relaxSparse(x, mu);
                }
            }
            for (int k = 0; k < settledCount; k++) {
                int y = settled[k];
                colPot[y] -= mu - dist[y];
            }
            updateRowPotentials(mu);
            augmentPath(start, terminal, dummyPred);
            // reset the working state touched by this search
            for (int k = 0; k < touchedCount; k++) {
                int y = touched[k];
                dist[y] = INF;
                bound[y] = INF;
                heapPos[y] = -1;
            }
            touchedCount = 0;
            settledCount = 0;
            heapSize = 0;
        }

        private void relaxSparse(int x, long dx) {
            long base = dx + rowPot[x] + maxScore;
            int owner = owner(x);
            for (int e = rStart[owner], end = rStart[owner + 1]; e < end; e++) {
                int y = rCol[e];
                // bound = distance + column potential: one random read decides most relaxations
                long relaxed = base - rScore[e];
                if (relaxed < bound[y]) {
                    if (bound[y] == INF) {
                        touched[touchedCount++] = y;
                    }
                    bound[y] = relaxed;
                    long nd = relaxed - colPot[y];
                    int pos = heapPos[y];
                    dist[y] = nd;
                    predRow[y] = x;
                    // ties: a column with free capacity first, it ends the search
                    long key = (nd << 1) | (colCount[y] < colCap[y] ? 0 : 1);
                    heapKey[y] = key;
                    if (pos < 0) {
                        heapPos[y] = heapSize;
                        heap[heapSize++] = y;
                        siftUp(heapSize - 1);
                    } else {
                        siftUp(pos);
                    }
                }
            }
        }

        private int heapPop() {
            int top = heap[0];
            heapSize--;
            if (heapSize > 0) {
                int last = heap[heapSize];
                heap[0] = last;
                heapPos[last] = 0;
                siftDown(0);
            }
            heapPos[top] = -1;
            return top;
        }

        private void siftUp(int pos) {
            int y = heap[pos];
            long key = heapKey[y];
            while (pos > 0) {
                int parent = (pos - 1) >>> 1;
                int p = heap[parent];
                if (heapKey[p] <= key) {
                    break;
                }
                heap[pos] = p;
                heapPos[p] = pos;
                pos = parent;
            }
            heap[pos] = y;
            heapPos[y] = pos;
        }

        private void siftDown(int pos) {
            int y = heap[pos];
            long key = heapKey[y];
            int half = heapSize >>> 1;
            while (pos < half) {
                int child = 2 * pos + 1;
                int c = heap[child];
                int right = child + 1;
                if (right < heapSize && heapKey[heap[right]] < heapKey[c]) {
                    child = right;
                    c = heap[child];
                }
                if (key <= heapKey[c]) {
                    break;
                }
                heap[pos] = c;
                heapPos[c] = pos;
                pos = child;
            }
            heap[pos] = y;
            heapPos[y] = pos;
        }

        // ---------------------------------------------------------------- dense Dijkstra (array scan)

        private void augmentDense(int start) {
            beginSearch(start);
            long bestDummy = dummyCost + rowPot[start];
            int dummyPred = start;
            Arrays.fill(dist, INF);
            Arrays.fill(columnSettled, false);
            settledCount = 0;
            int[] queue = denseQueue;
            int queued = 1;
            queue[0] = start;
            long mu = 0;
            int terminal;
            while (true) {
                // relax from the rows reached last (all at distance mu); the last pass also finds the next column:
                // the unsettled one nearest, a free one first among equals
                long lowest = INF;
                int pick = -1;
                boolean pickFree = false;
                for (int q = 0; q < queued; q++) {
                    int x = queue[q];
                    long xBase = mu + rowPot[x] + maxScore;
                    int xRow = owner(x) * cols;
                    boolean last = q == queued - 1;
                    for (int y = 0; y < cols; y++) {
                        if (columnSettled[y]) {
                            continue;
                        }
                        int s = matrix[xRow + y];
                        long h = dist[y];
                        if (s >= 0) {
                            long nd = xBase - s - colPot[y];
                            if (nd < h) {
                                h = nd;
                                dist[y] = nd;
                                predRow[y] = x;
                            }
                        }
                        if (last && h <= lowest) {
                            boolean free = colCount[y] < colCap[y];
                            if (h < lowest || (free && !pickFree)) {
                                lowest = h;
                                pick = y;
                                pickFree = free;
                            }
                        }
                    }
                }
                if (queued == 0) {
                    for (int y = 0; y < cols; y++) {
                        long h = dist[y];
                        if (!columnSettled[y] && h <= lowest) {
                            boolean free = colCount[y] < colCap[y];
                            if (h < lowest || (free && !pickFree)) {
                                lowest = h;
                                pick = y;
                                pickFree = free;
                            }
                        }
                    }
                }
                if (pick < 0 || lowest == INF || bestDummy < lowest) {
                    terminal = DUMMY;
                    mu = bestDummy;
                    break;
                }
                mu = lowest;
                if (pickFree) {
                    terminal = pick;
                    break;
                }
                columnSettled[pick] = true;
                settled[settledCount++] = pick;
                queued = 0;
                for (int k = colSlotStart[pick], end = k + colCount[pick]; k < end; k++) {
                    int x = colSlots[k];
                    if (rowStamp[x] == stamp) {
                        continue;
                    }
                    visitRow(x, mu, pick);
                    long viaDummy = mu + dummyCost + rowPot[x];
                    if (viaDummy < bestDummy) {
                        bestDummy = viaDummy;
                        dummyPred = x;
                    }
                    queue[queued++] = x;
                }
            }
            for (int k = 0; k < settledCount; k++) {
                int y = settled[k];
                colPot[y] -= mu - dist[y];
            }
            settledCount = 0;
            updateRowPotentials(mu);
            augmentPath(start, terminal, dummyPred);
        }

        // ---------------------------------------------------------------- shared pieces

        private int owner(int row) {
            return rowOwner == null ? row : rowOwner[row];
        }

        private void beginSearch(int start) {
            stamp++;
            visitedCount = 0;
            visitRow(start, 0, -1);
        }

        private void visitRow(int x, long d, int via) {
            rowStamp[x] = stamp;
            rowDist[x] = d;
            viaCol[x] = via;
            visitedRows[visitedCount++] = x;
        }

        private void updateRowPotentials(long mu) {
            for (int k = 0; k < visitedCount; k++) {
                int x = visitedRows[k];
                rowPot[x] -= mu - rowDist[x];
            }
        }

        /**
         * Flips the path: the terminal column (or the dummy) takes its predecessor row; each row on the way
         * leaves the column it was reached through, which the row before it takes instead.
         */
        private void augmentPath(int start, int terminal, int dummyPred) {
            int x;
            if (terminal == DUMMY) {
                x = dummyPred;
                onDummy[x] = true;
            } else {
                x = predRow[terminal];
                addToColumn(terminal, x);
            }
            while (x != start) {
                int y = viaCol[x];
                int taker = predRow[y];
                replaceInColumn(y, x, taker);
                x = taker;
            }
        }

        private void addToColumn(int y, int x) {
            colSlots[colSlotStart[y] + colCount[y]++] = x;
        }

        private void replaceInColumn(int y, int leaving, int joining) {
            for (int k = colSlotStart[y], end = k + colCount[y]; k < end; k++) {
                if (colSlots[k] == leaving) {
                    colSlots[k] = joining;
                    return;
                }
            }
            throw new IllegalStateException("row " + leaving + " not in column " + y);
        }

        // ---------------------------------------------------------------- optimality certificate

        /**
         * Dual feasibility and complementary slackness of the final flow, with the sink at potential 0:
         * every unused edge has reduced cost at least 0, every used one exactly 0; a column with room has
         * potential 0 (at least 0 when empty), a full one at most 0; the dummy arc costs at least 0 in reduced
         * terms and exactly 0 for the rows that use it. Each row unit is routed once, to a column or the dummy.
         */
        private boolean certificateHolds() {
            int[] columnOfRow = new int[rows];
            Arrays.fill(columnOfRow, -1);
            for (int y = 0; y < cols; y++) {
                if (colCount[y] > colCap[y]) {
                    return false;
                }
                for (int k = colSlotStart[y], end = k + colCount[y]; k < end; k++) {
                    if (columnOfRow[colSlots[k]] != -1) {
                        return false;
                    }
                    columnOfRow[colSlots[k]] = y;
                }
                if (colCount[y] < colCap[y]) {
                    if (colPot[y] < 0 || (colCount[y] > 0 && colPot[y] != 0)) {
                        return false;
                    }
                } else if (colPot[y] > 0) {
                    return false;
                }
            }
            int[] start = graph.edgeStartArray();
            int[] mentor = graph.edgeMentorArray();
            int[] score = graph.edgeScoreArray();
            int[] firstRow = null;
            if (!menteeRows) {
                firstRow = new int[graph.mentorCount() + 1];
                Arrays.fill(firstRow, -1);
                for (int r = rows - 1; r >= 0; r--) {
                    firstRow[rowOwner[r]] = r;
                }
            }
            for (int i = 0; i < graph.menteeCount(); i++) {
                for (int e = start[i]; e < start[i + 1]; e++) {
                    int j = mentor[e];
                    long cost = maxScore - score[e];
                    if (menteeRows) {
                        if (!tightOrUnused(i, j, cost, columnOfRow)) {
                            return false;
                        }
                    } else if (firstRow[j] >= 0) {
                        for (int r = firstRow[j]; r < rows && rowOwner[r] == j; r++) {
                            if (!tightOrUnused(r, i, cost, columnOfRow)) {
                                return false;
                            }
                        }
                    }
                }
            }
            for (int x = 0; x < rows; x++) {
                long reducedDummy = dummyCost + rowPot[x];
                if (pending[x] || reducedDummy < 0 || (onDummy[x] && reducedDummy != 0)
                        || (onDummy[x] && columnOfRow[x] >= 0)) {
                    return false;
                }
            }
            return true;
        }

        private boolean tightOrUnused(int row, int col, long cost, int[] columnOfRow) {
            long reduced = cost + rowPot[row] - colPot[col];
            return columnOfRow[row] == col ? reduced == 0 : reduced >= 0;
        }
    }
}
