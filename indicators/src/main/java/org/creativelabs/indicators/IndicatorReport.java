package org.creativelabs.indicators;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * One indicator over one year for one lab or region, as every page, API and CSV shows it: the months, the year's
 * total, the total to date, a breakdown, and the target; counts of people already protected by {@link Disclosure}
 * ({@code null} is a suppressed count, always written).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IndicatorReport(
        String indicator,
        List<String> tags,
        boolean countsPeople,
        int year,
        Long[] months,
        Long yearTotal,
        Long toDate,
        Breakdown breakdown,
        TargetView target) {

    /** Rows and columns of a breakdown (gender by age band; or gender alone, in the row totals). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Breakdown(
            String rowDimension,
            List<String> rows,
            String columnDimension,
            List<String> columns,
            Long[][] cells,
            Long[] rowTotals,
            Long[] columnTotals,
            Long total,
            boolean withheld) {}

    /**
     * The IATI results shape: a baseline (the total before the year, cumulative targets only), the target for the year
     * and the actual, each on the target's basis (the year's count, or the total to date at the year's end).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TargetView(String basis, Long baseline, long target, Long actual) {}

    /** The unprotected counts of one indicator and year: its months, what came before, its breakdown. */
    public record Counts(Indicator indicator, int year, long[] months, long before, long[][] cells) {

        public static Counts of(Indicator indicator, int year, List<Fact> facts) {
            LocalDate from = LocalDate.of(year, 1, 1);
            LocalDate until = from.plusYears(1);
            List<String> rows = rows(indicator);
            List<String> columns = columns(indicator);
            long[] months = new long[12];
            long before = 0;
            long[][] cells = new long[rows.size()][Math.max(1, columns.size())];
            for (Fact fact : facts) {
                if (!fact.indicator().equals(indicator.id()) || !fact.period().isBefore(until)) {
                    continue;
                }
                if (fact.period().isBefore(from)) {
                    before += fact.value();
                    continue;
                }
                months[fact.period().getMonthValue() - 1] += fact.value();
                if (!rows.isEmpty()) {
                    cells[index(rows, fact.gender())][columns.isEmpty() ? 0 : index(columns, fact.ageBand())] +=
                            fact.value();
                }
            }
            return new Counts(indicator, year, months, before, cells);
        }

        /**
         * Counts from rollups kept by month (summed over categories) and by year and category (summed over months), as
         * a read model keeps them so that reading them does not depend on how many labs they add up.
         */
        public static Counts ofRollups(
                Indicator indicator, int year, long[] months, long before, List<Fact> yearByCategory) {
            List<String> rows = rows(indicator);
            List<String> columns = columns(indicator);
            long[][] cells = new long[rows.size()][Math.max(1, columns.size())];
            if (!rows.isEmpty()) {
                for (Fact fact : yearByCategory) {
                    cells[index(rows, fact.gender())][columns.isEmpty() ? 0 : index(columns, fact.ageBand())] +=
                            fact.value();
                }
            }
            return new Counts(indicator, year, months, before, cells);
        }

        long yearTotal() {
            long total = 0;
            for (long month : months) {
                total += month;
            }
            return total;
        }

        /**
         * Every number a report of these counts may show, in the order of {@link #hiding}: the 12 months, the year,
         * the total to date, then the breakdown's cells, row totals, column totals (two-way breakdowns) and total.
         */
        public long[] positions() {
            long[] out = new long[14 + breakdownPositions()];
            System.arraycopy(months, 0, out, 0, 12);
            out[12] = yearTotal();
            out[13] = before + yearTotal();
            if (indicator.dimensions().isEmpty()) {
                return out;
            }
            boolean twoWay = indicator.dimensions().size() > 1;
            int at = 14;
            if (twoWay) {
                for (long[] row : cells) {
                    for (long cell : row) {
                        out[at++] = cell;
                    }
                }
            }
            for (long[] row : cells) {
                out[at++] = java.util.Arrays.stream(row).sum();
            }
            if (twoWay) {
                for (int c = 0; c < cells[0].length; c++) {
                    long total = 0;
                    for (long[] row : cells) {
                        total += row[c];
                    }
                    out[at++] = total;
                }
            }
            out[at] = yearTotal();
            return out;
        }

        private int breakdownPositions() {
            if (indicator.dimensions().isEmpty()) {
                return 0;
            }
            int rows = cells.length;
            int columns = cells[0].length;
            return indicator.dimensions().size() > 1 ? rows * columns + rows + columns + 1 : rows + 1;
        }
    }

    /** Builds the protected report of one indicator and year from the facts of the lab or region it covers. */
    public static IndicatorReport of(Indicator indicator, int year, List<Fact> facts, Long targetValue) {
        return of(Counts.of(indicator, year, facts), targetValue);
    }

    public static IndicatorReport of(Counts counts, Long targetValue) {
        Indicator indicator = counts.indicator();
        long yearTotal = counts.yearTotal();
        long toDate = counts.before() + yearTotal;
        Long[] shownMonths = new Long[12];
        Long shownYear;
        Long shownToDate;
        Long shownBefore;
        Breakdown breakdown = null;
        if (indicator.countsPeople()) {
            Disclosure.Series series = Disclosure.series(counts.months());
            shownMonths = series.values();
            shownYear = series.total();
            shownToDate = toDate < Disclosure.MINIMUM ? null : toDate;
            // With the year hidden, the total before it would give the year away (to date minus before).
            shownBefore = shownYear == null || counts.before() < Disclosure.MINIMUM ? null : counts.before();
            if (!indicator.dimensions().isEmpty()) {
                breakdown = breakdown(indicator, Disclosure.table(counts.cells()));
            }
        } else {
            for (int m = 0; m < 12; m++) {
                shownMonths[m] = counts.months()[m];
            }
            shownYear = yearTotal;
            shownToDate = toDate;
            shownBefore = counts.before();
        }
        TargetView target = indicator
                .defaultTarget()
                .map(t -> new TargetView(
                        t.basis().name().toLowerCase(Locale.ROOT),
                        t.basis() == Indicator.Target.Basis.YEAR ? null : shownBefore,
                        targetValue == null ? t.value() : targetValue,
                        t.basis() == Indicator.Target.Basis.YEAR ? shownYear : shownToDate))
                .orElse(null);
        return new IndicatorReport(
                indicator.id(),
                indicator.tags(),
                indicator.countsPeople(),
                counts.year(),
                shownMonths,
                shownYear,
                shownToDate,
                breakdown,
                target);
    }

    /**
     * The report of one of several labs whose totals a shown total (their region's) adds up: a count is hidden here too
     * when, across the siblings, it is small or is the complement that keeps another sibling's small count from being
     * worked out as the region's count minus the others.
     */
    public static IndicatorReport amongSiblings(List<Counts> siblings, int which, Long targetValue) {
        IndicatorReport alone = of(siblings.get(which), targetValue);
        Counts counts = siblings.get(which);
        if (!counts.indicator().countsPeople() || siblings.size() < 2) {
            return alone;
        }
        List<long[]> positions = siblings.stream().map(Counts::positions).toList();
        boolean[] hide = new boolean[positions.get(which).length];
        for (int p = 0; p < hide.length; p++) {
            long[] across = new long[positions.size()];
            for (int s = 0; s < across.length; s++) {
                across[s] = positions.get(s)[p];
            }
            hide[p] = Disclosure.series(across).values()[which] == null;
        }
        return alone.hiding(hide);
    }

    /** This report with the numbers at these positions (see {@link Counts#positions()}) suppressed as well. */
    public IndicatorReport hiding(boolean[] hide) {
        Long[] shownMonths = months.clone();
        for (int m = 0; m < 12; m++) {
            shownMonths[m] = hide[m] ? null : shownMonths[m];
        }
        Long shownYear = hide[12] ? null : yearTotal;
        Long shownToDate = hide[13] ? null : toDate;
        Breakdown shownBreakdown = breakdown;
        if (breakdown != null) {
            int at = 14;
            Long[][] cells = null;
            if (breakdown.cells() != null) {
                cells = new Long[breakdown.cells().length][];
                for (int r = 0; r < cells.length; r++) {
                    cells[r] = breakdown.cells()[r].clone();
                    for (int c = 0; c < cells[r].length; c++) {
                        cells[r][c] = hide[at++] ? null : cells[r][c];
                    }
                }
            }
            Long[] rowTotals = breakdown.rowTotals().clone();
            for (int r = 0; r < rowTotals.length; r++) {
                rowTotals[r] = hide[at++] ? null : rowTotals[r];
            }
            Long[] columnTotals = null;
            if (breakdown.columnTotals() != null) {
                columnTotals = breakdown.columnTotals().clone();
                for (int c = 0; c < columnTotals.length; c++) {
                    columnTotals[c] = hide[at++] ? null : columnTotals[c];
                }
            }
            Long total = hide[at] ? null : breakdown.total();
            shownBreakdown = new Breakdown(
                    breakdown.rowDimension(),
                    breakdown.rows(),
                    breakdown.columnDimension(),
                    breakdown.columns(),
                    cells,
                    rowTotals,
                    columnTotals,
                    total,
                    breakdown.withheld());
        }
        TargetView shownTarget = target == null
                ? null
                : new TargetView(
                        target.basis(),
                        shownYear == null ? null : target.baseline(),
                        target.target(),
                        target.basis().equals("year") ? shownYear : shownToDate);
        return new IndicatorReport(
                indicator, tags, countsPeople, year, shownMonths, shownYear, shownToDate, shownBreakdown, shownTarget);
    }

    private static Breakdown breakdown(Indicator indicator, Disclosure.Table table) {
        boolean twoWay = indicator.dimensions().size() > 1;
        return new Breakdown(
                dimensionName(indicator.dimensions().get(0)),
                rows(indicator),
                twoWay ? dimensionName(indicator.dimensions().get(1)) : null,
                columns(indicator),
                twoWay ? table.cells() : null,
                table.rowTotals(),
                twoWay ? table.columnTotals() : null,
                table.total(),
                table.breakdownWithheld());
    }

    private static List<String> rows(Indicator indicator) {
        return indicator.dimensions().isEmpty()
                ? List.of()
                : indicator.dimensions().get(0).categories();
    }

    private static List<String> columns(Indicator indicator) {
        return indicator.dimensions().size() < 2
                ? List.of()
                : indicator.dimensions().get(1).categories();
    }

    private static String dimensionName(Indicator.Dimension dimension) {
        return dimension == Indicator.Dimension.GENDER ? "gender" : "age-band";
    }

    /** A fact's category, or not stated when it is one this catalog does not know (an answer from before a change). */
    private static int index(List<String> categories, String category) {
        int at = categories.indexOf(category);
        return at >= 0 ? at : categories.indexOf(Indicator.NOT_STATED);
    }
}
