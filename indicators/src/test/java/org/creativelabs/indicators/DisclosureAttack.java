package org.creativelabs.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * An attacker that does not share {@link Disclosure}'s reasoning: every relation a reader knows (each row, each column
 * and the totals add up) is written as linear equations over the hidden counts, and a hidden count is derivable exactly
 * when its unit vector lies in their row space. Shared with other modules' tests (this module's test jar).
 */
public final class DisclosureAttack {

    private DisclosureAttack() {}

    /** The small hidden counts a reader can work out exactly from the shown ones. */
    public static List<String> derivable(long[][] counts, Disclosure.Table table) {
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
