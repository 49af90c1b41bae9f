package org.creativelabs.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Disclosure control, checked by an attacker that does not share its reasoning: every relation a reader knows (each
 * row, each column and the totals add up) is written as linear equations over the hidden counts, and a hidden count
 * is derivable exactly when its unit vector lies in their row space.
 */
class DisclosureTests {

    @Test
    void aCountOfThreeWithItsRowTotalShownCannotBeDerived() {
        // Residents by gender (rows) and age band (columns): women 18-24 are 3.
        long[][] counts = {
            {12, 3, 20, 9, 7},
            {8, 6, 11, 5, 10},
        };
        Disclosure.Table table = Disclosure.table(counts);

        assertThat(table.cells()[0][1]).isNull();
        assertThat(table.rowTotals()[0]).isEqualTo(51L);
        assertThat(table.total()).isEqualTo(91L);
        assertThat(derivable(counts, table)).isEmpty();
        // The complement is the smallest count that closes the gap, and no more than needed is hidden.
        assertThat(hiddenCells(table)).isEqualTo(4);
    }

    @Test
    void withoutComplementarySuppressionTheAttackerWouldWin() {
        long[][] counts = {
            {12, 3, 20, 9, 7},
            {8, 6, 11, 5, 10},
        };
        Long[][] onlyPrimary = {
            {12L, null, 20L, 9L, 7L},
            {8L, 6L, 11L, 5L, 10L},
        };
        Disclosure.Table careless = new Disclosure.Table(
                onlyPrimary, new Long[] {51L, 40L}, new Long[] {20L, 9L, 31L, 14L, 17L}, 91L, false);
        assertThat(derivable(counts, careless)).containsExactly("cell 0,1");
    }

    @Test
    void aVillageLabWithFourResidentsShowsNoBreakdown() {
        Disclosure.Table table = Disclosure.table(new long[][] {{2, 1, 0}, {1, 0, 0}});

        assertThat(table.breakdownWithheld()).isTrue();
        assertThat(hiddenCells(table)).isEqualTo(6);
        assertThat(table.rowTotals()).containsOnlyNulls();
        assertThat(table.columnTotals()).containsOnlyNulls();
        assertThat(table.total()).as("a total under five is itself suppressed").isNull();
        assertThat(Disclosure.table(new long[][] {{4, 3}, {1, 0}}).total())
                .as("eight people: the total shows, no breakdown")
                .isEqualTo(8L);
    }

    @Test
    void aSeriesWithOneSmallMonthHidesASecondMonth() {
        long[] months = {14, 9, 3, 22, 17, 11};
        Disclosure.Series series = Disclosure.series(months);

        assertThat(series.total()).isEqualTo(76L);
        assertThat(series.values()[2]).isNull();
        assertThat(series.values()[1])
                .as("the smallest other month is the complement")
                .isNull();
        assertThat(java.util.Arrays.stream(series.values()).filter(v -> v == null))
                .hasSize(2);
    }

    @Test
    void aSmallTotalOfASeriesIsHiddenTooAndNothingLeaksThroughIt() {
        Disclosure.Series series = Disclosure.series(new long[] {0, 2, 1});
        assertThat(series.values()).containsOnlyNulls();
        assertThat(series.total()).isNull();
    }

    @Test
    void randomTablesNeverLeakASmallCount() {
        Random random = new Random(20261203);
        for (int round = 0; round < 2000; round++) {
            int rows = 1 + random.nextInt(5);
            int columns = 1 + random.nextInt(6);
            long[][] counts = new long[rows][columns];
            for (long[] row : counts) {
                for (int c = 0; c < columns; c++) {
                    row[c] = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextInt(40);
                }
            }
            Disclosure.Table table = Disclosure.table(counts);
            assertThat(derivable(counts, table)).as("round %d", round).isEmpty();
            assertShownMatch(counts, table);
        }
    }

    private static void assertShownMatch(long[][] counts, Disclosure.Table table) {
        for (int r = 0; r < counts.length; r++) {
            for (int c = 0; c < counts[0].length; c++) {
                Long shown = table.cells()[r][c];
                if (shown != null) {
                    assertThat(shown).isEqualTo(counts[r][c]).isGreaterThanOrEqualTo(Disclosure.MINIMUM);
                }
            }
        }
    }

    private static long hiddenCells(Disclosure.Table table) {
        long hidden = 0;
        for (Long[] row : table.cells()) {
            for (Long cell : row) {
                hidden += cell == null ? 1 : 0;
            }
        }
        return hidden;
    }

    /** The small hidden counts a reader can work out exactly from the shown ones. */
    static List<String> derivable(long[][] counts, Disclosure.Table table) {
        int rows = counts.length;
        int columns = counts[0].length;
        // Unknowns: hidden cells, hidden row totals, hidden column totals, a hidden grand total.
        List<String> names = new ArrayList<>();
        List<Long> truth = new ArrayList<>();
        int[][] cellIndex = new int[rows][columns];
        int[] rowIndex = new int[rows];
        int[] columnIndex = new int[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                cellIndex[r][c] =
                        table.cells()[r][c] == null ? add(names, truth, "cell " + r + "," + c, counts[r][c]) : -1;
            }
        }
        long grand = 0;
        for (int r = 0; r < rows; r++) {
            long sum = 0;
            for (long v : counts[r]) {
                sum += v;
            }
            grand += sum;
            rowIndex[r] = table.rowTotals()[r] == null ? add(names, truth, "row " + r, sum) : -1;
        }
        for (int c = 0; c < columns; c++) {
            long sum = 0;
            for (long[] row : counts) {
                sum += row[c];
            }
            columnIndex[c] = table.columnTotals()[c] == null ? add(names, truth, "column " + c, sum) : -1;
        }
        int grandIndex = table.total() == null ? add(names, truth, "total", grand) : -1;
        int n = names.size();
        List<double[]> equations = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double[] eq = new double[n];
            for (int c = 0; c < columns; c++) {
                if (cellIndex[r][c] >= 0) {
                    eq[cellIndex[r][c]] = 1;
                }
            }
            if (rowIndex[r] >= 0) {
                eq[rowIndex[r]] = -1;
            }
            equations.add(eq);
        }
        for (int c = 0; c < columns; c++) {
            double[] eq = new double[n];
            for (int r = 0; r < rows; r++) {
                if (cellIndex[r][c] >= 0) {
                    eq[cellIndex[r][c]] = 1;
                }
            }
            if (columnIndex[c] >= 0) {
                eq[columnIndex[c]] = -1;
            }
            equations.add(eq);
        }
        double[] rowSum = new double[n];
        double[] columnSum = new double[n];
        for (int r = 0; r < rows; r++) {
            if (rowIndex[r] >= 0) {
                rowSum[rowIndex[r]] = 1;
            }
        }
        for (int c = 0; c < columns; c++) {
            if (columnIndex[c] >= 0) {
                columnSum[columnIndex[c]] = 1;
            }
        }
        if (grandIndex >= 0) {
            rowSum[grandIndex] = -1;
            columnSum[grandIndex] = -1;
        }
        equations.add(rowSum);
        equations.add(columnSum);
        int rank = rank(equations, n);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (truth.get(i) >= Disclosure.MINIMUM) {
                continue;
            }
            List<double[]> with = new ArrayList<>(equations);
            double[] unit = new double[n];
            unit[i] = 1;
            with.add(unit);
            if (rank(with, n) == rank) {
                found.add(names.get(i));
            }
        }
        return found;
    }

    private static int add(List<String> names, List<Long> truth, String name, long value) {
        names.add(name);
        truth.add(value);
        return names.size() - 1;
    }

    private static int rank(List<double[]> equations, int n) {
        double[][] m = equations.stream().map(double[]::clone).toArray(double[][]::new);
        int rank = 0;
        for (int col = 0; col < n && rank < m.length; col++) {
            int pivot = -1;
            for (int r = rank; r < m.length; r++) {
                if (Math.abs(m[r][col]) > 1e-9 && (pivot < 0 || Math.abs(m[r][col]) > Math.abs(m[pivot][col]))) {
                    pivot = r;
                }
            }
            if (pivot < 0) {
                continue;
            }
            double[] swap = m[pivot];
            m[pivot] = m[rank];
            m[rank] = swap;
            for (int r = 0; r < m.length; r++) {
                if (r != rank && Math.abs(m[r][col]) > 1e-9) {
                    double f = m[r][col] / m[rank][col];
                    for (int k = col; k < n; k++) {
                        m[r][k] -= f * m[rank][k];
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
