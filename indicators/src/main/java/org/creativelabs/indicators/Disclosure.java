package org.creativelabs.indicators;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Statistical disclosure control for counts of people, applied on the server to every table before it leaves: a
 * count under {@link #MINIMUM} is suppressed, and further cells are suppressed (complementary suppression) until no
 * hidden count can be worked out from what is shown. A population under {@link #SMALL_POPULATION} (a village lab)
 * shows its total only, never a breakdown.
 *
 * <p>How "cannot be worked out" is decided: in a table with its row and column totals, the hidden entries that could
 * change without changing anything shown are exactly the cycles of the bipartite graph whose nodes are the rows and
 * columns and whose edges are the hidden entries. A hidden entry on no cycle (a bridge) is determined by what is shown;
 * suppression goes on, hiding the smallest shown entry that closes a cycle, until no small count is a bridge.
 */
public final class Disclosure {

    /** Counts of people under this are never shown. */
    public static final long MINIMUM = 5;

    /** A population under this shows its total only (when that total is not itself under {@link #MINIMUM}). */
    public static final long SMALL_POPULATION = 2 * MINIMUM;

    private Disclosure() {}

    /**
     * A protected two-way table: {@code null} marks a suppressed count. {@code breakdownWithheld} says the population
     * was too small for any breakdown (only the total may show).
     */
    public record Table(Long[][] cells, Long[] rowTotals, Long[] columnTotals, Long total, boolean breakdownWithheld) {}

    /** A protected list with its total (a monthly series, regions side by side): {@code null} marks a suppressed count. */
    public record Series(Long[] values, Long total) {}

    /** Protects a table of counts of people, rows by columns, shown with its row, column and grand totals. */
    public static Table table(long[][] counts) {
        int rows = counts.length;
        int columns = rows == 0 ? 0 : counts[0].length;
        long[][] grid = new long[rows + 1][columns + 1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                grid[r][c] = counts[r][c];
                grid[r][columns] += counts[r][c];
                grid[rows][c] += counts[r][c];
                grid[rows][columns] += counts[r][c];
            }
        }
        long total = grid[rows][columns];
        if (total < SMALL_POPULATION) {
            return new Table(
                    new Long[rows][columns], new Long[rows], new Long[columns], total < MINIMUM ? null : total, true);
        }
        boolean[][] hidden = protect(grid, new boolean[rows + 1][columns + 1], rows, columns);
        Long[][] cells = new Long[rows][columns];
        Long[] rowTotals = new Long[rows];
        Long[] columnTotals = new Long[columns];
        for (int r = 0; r <= rows; r++) {
            for (int c = 0; c <= columns; c++) {
                Long shown = hidden[r][c] ? null : grid[r][c];
                if (r < rows && c < columns) {
                    cells[r][c] = shown;
                } else if (r < rows) {
                    rowTotals[r] = shown;
                } else if (c < columns) {
                    columnTotals[c] = shown;
                }
            }
        }
        return new Table(cells, rowTotals, columnTotals, hidden[rows][columns] ? null : total, false);
    }

    /** Protects a list of counts of people shown with their total. */
    public static Series series(long[] counts) {
        int n = counts.length;
        // One column of values and, unpublished, a column of row totals equal to them: the only relation is the total.
        long[][] grid = new long[n + 1][2];
        boolean[][] unpublished = new boolean[n + 1][2];
        for (int r = 0; r < n; r++) {
            grid[r][0] = counts[r];
            grid[r][1] = counts[r];
            grid[n][0] += counts[r];
            grid[n][1] += counts[r];
            unpublished[r][1] = true;
        }
        unpublished[n][1] = true;
        boolean[][] hidden = protect(grid, unpublished, n, 0);
        Long[] values = new Long[n];
        for (int r = 0; r < n; r++) {
            values[r] = hidden[r][0] ? null : counts[r];
        }
        return new Series(values, hidden[n][0] ? null : grid[n][0]);
    }

    /**
     * Which entries of the grid (its last row and column being the totals) to hide: the unpublished ones, every count
     * under the minimum, and enough others that no count under the minimum is determined by the shown ones. The grand
     * total at ({@code totalRow}, {@code totalColumn}) is never hidden to protect another count: the same total shows
     * in other views of the same facts (the months of a year, its breakdown), which must all agree on it.
     */
    static boolean[][] protect(long[][] grid, boolean[][] unpublished, int totalRow, int totalColumn) {
        int rows = grid.length;
        int columns = grid[0].length;
        boolean[][] hidden = new boolean[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                hidden[r][c] = unpublished[r][c] || grid[r][c] < MINIMUM;
            }
        }
        boolean[][] fixed = new boolean[rows][columns];
        fixed[totalRow][totalColumn] = true;
        while (true) {
            int[] exposed = exposedSmallCount(grid, hidden);
            if (exposed == null) {
                return hidden;
            }
            int[] next = complement(grid, hidden, unpublished, fixed, exposed);
            if (next == null) {
                for (boolean[] row : hidden) {
                    Arrays.fill(row, true);
                }
                return hidden;
            }
            hidden[next[0]][next[1]] = true;
        }
    }

    /** A hidden count under the minimum that lies on no cycle of hidden entries, or null when there is none. */
    private static int[] exposedSmallCount(long[][] grid, boolean[][] hidden) {
        for (int r = 0; r < grid.length; r++) {
            for (int c = 0; c < grid[0].length; c++) {
                if (hidden[r][c] && grid[r][c] < MINIMUM && !onCycle(hidden, r, c)) {
                    return new int[] {r, c};
                }
            }
        }
        return null;
    }

    /** Whether row r and column c stay connected through hidden entries once entry (r, c) is left out. */
    private static boolean onCycle(boolean[][] hidden, int r, int c) {
        return reachable(hidden, r, new int[] {r, c})[hidden.length + c];
    }

    /**
     * Nodes reachable from node {@code start} through hidden entries, leaving out entry {@code without}: rows are nodes
     * 0 to rows-1, columns follow.
     */
    private static boolean[] reachable(boolean[][] hidden, int start, int[] without) {
        int rows = hidden.length;
        int columns = hidden[0].length;
        boolean[] seen = new boolean[rows + columns];
        Deque<Integer> queue = new ArrayDeque<>();
        seen[start] = true;
        queue.add(start);
        while (!queue.isEmpty()) {
            int node = queue.poll();
            if (node < rows) {
                for (int c = 0; c < columns; c++) {
                    if (hidden[node][c] && !(node == without[0] && c == without[1]) && !seen[rows + c]) {
                        seen[rows + c] = true;
                        queue.add(rows + c);
                    }
                }
            } else {
                int c = node - rows;
                for (int r = 0; r < rows; r++) {
                    if (hidden[r][c] && !(r == without[0] && c == without[1]) && !seen[r]) {
                        seen[r] = true;
                        queue.add(r);
                    }
                }
            }
        }
        return seen;
    }

    /**
     * The shown entry to hide next for the exposed one: the smallest that closes a cycle through it, else the smallest
     * that touches either side of it (growing a side until a cycle can close); null when no shown entry is left.
     */
    private static int[] complement(
            long[][] grid, boolean[][] hidden, boolean[][] unpublished, boolean[][] fixed, int[] exposed) {
        int rows = grid.length;
        boolean[] rowSide = reachable(hidden, exposed[0], exposed);
        boolean[] columnSide = reachable(hidden, rows + exposed[1], exposed);
        int[] closing = null;
        int[] touching = null;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < grid[0].length; c++) {
                if (hidden[r][c] || unpublished[r][c] || fixed[r][c]) {
                    continue;
                }
                boolean closes = (rowSide[r] && columnSide[rows + c]) || (columnSide[r] && rowSide[rows + c]);
                boolean touches = rowSide[r] || columnSide[r] || rowSide[rows + c] || columnSide[rows + c];
                if (closes && (closing == null || grid[r][c] < grid[closing[0]][closing[1]])) {
                    closing = new int[] {r, c};
                }
                if (touches && (touching == null || grid[r][c] < grid[touching[0]][touching[1]])) {
                    touching = new int[] {r, c};
                }
            }
        }
        return closing != null ? closing : touching;
    }
}
