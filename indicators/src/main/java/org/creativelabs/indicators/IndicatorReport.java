package org.creativelabs.indicators;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * One indicator over one year for one lab, region or the whole platform, as every page, API and CSV shows it: the
 * months, the year's total, the total to date, a breakdown, and the target; counts of people already protected by
 * {@link Disclosure} ({@code null} is a suppressed count, always written).
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

    /** Rows and columns of a breakdown (gender by age band, or gender alone). */
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
     * The IATI results shape: a baseline (the total before the year), the target for the year and the actual, each on
     * the target's basis (the year's count, or the total to date at the year's end).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TargetView(String basis, Long baseline, long target, Long actual) {}

    /** Builds the report of one indicator and year from the facts of the population it covers (all years). */
    public static IndicatorReport of(Indicator indicator, int year, List<Fact> facts, Long targetValue) {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate until = from.plusYears(1);
        long[] months = new long[12];
        long before = 0;
        List<Indicator.Dimension> dimensions = indicator.dimensions();
        List<String> rows = dimensions.isEmpty() ? List.of() : dimensions.get(0).categories();
        List<String> columns =
                dimensions.size() < 2 ? List.of("") : dimensions.get(1).categories();
        long[][] cells = new long[rows.size()][columns.size()];
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
                int row = index(rows, fact.gender());
                int column = dimensions.size() < 2 ? 0 : index(columns, fact.ageBand());
                cells[row][column] += fact.value();
            }
        }
        long yearTotal = 0;
        for (long month : months) {
            yearTotal += month;
        }
        long toDate = before + yearTotal;
        Long[] shownMonths;
        Long shownYear;
        Long shownToDate;
        Long shownBefore;
        Breakdown breakdown = null;
        if (indicator.countsPeople()) {
            Disclosure.Series series = Disclosure.series(months);
            shownMonths = series.values();
            shownYear = series.total();
            shownToDate = toDate < Disclosure.MINIMUM ? null : toDate;
            shownBefore = before < Disclosure.MINIMUM ? null : before;
            if (!rows.isEmpty()) {
                Disclosure.Table table = Disclosure.table(cells);
                breakdown = new Breakdown(
                        dimensionName(dimensions.get(0)),
                        rows,
                        dimensions.size() < 2 ? null : dimensionName(dimensions.get(1)),
                        dimensions.size() < 2 ? List.of() : columns,
                        dimensions.size() < 2 ? null : table.cells(),
                        table.rowTotals(),
                        dimensions.size() < 2 ? null : table.columnTotals(),
                        table.total(),
                        table.breakdownWithheld());
            }
        } else {
            shownMonths = new Long[12];
            for (int m = 0; m < 12; m++) {
                shownMonths[m] = months[m];
            }
            shownYear = yearTotal;
            shownToDate = toDate;
            shownBefore = before;
        }
        TargetView target = indicator
                .defaultTarget()
                .map(t -> new TargetView(
                        t.basis().name().toLowerCase(java.util.Locale.ROOT),
                        t.basis() == Indicator.Target.Basis.YEAR ? null : shownBefore,
                        targetValue == null ? t.value() : targetValue,
                        t.basis() == Indicator.Target.Basis.YEAR ? shownYear : shownToDate))
                .orElse(null);
        return new IndicatorReport(
                indicator.id(),
                indicator.tags(),
                indicator.countsPeople(),
                year,
                shownMonths,
                shownYear,
                shownToDate,
                breakdown,
                target);
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
