package org.creativelabs.admin.indicators;

import java.util.ArrayList;
import java.util.List;
import org.creativelabs.indicators.IndicatorReport;
import org.springframework.stereotype.Component;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Indicator reports as CSV, one value per line, written from the same protected reports the JSON is: a suppressed
 * count is the word {@code suppressed}, so a spreadsheet never shows what the API hides.
 */
@Component
class IndicatorCsv {

    static final String SUPPRESSED = "suppressed";

    /** The reports of one region (lab empty) or one lab. */
    record Scope(String region, String lab, List<IndicatorReport> reports) {}

    record Line(
            String region,
            String lab,
            String indicator,
            String tags,
            int year,
            String measure,
            String gender,
            String ageBand,
            String value) {}

    private static final CsvMapper mapper = new CsvMapper();
    private static final CsvSchema schema =
            mapper.schemaFor(Line.class).withHeader().withColumnReordering(false);

    String write(List<Scope> scopes) {
        List<Line> lines = new ArrayList<>();
        for (Scope scope : scopes) {
            for (IndicatorReport report : scope.reports()) {
                Lines out = new Lines(scope, report, lines);
                for (int m = 0; m < 12; m++) {
                    out.add("%d-%02d".formatted(report.year(), m + 1), "", "", report.months()[m]);
                }
                out.add("year", "", "", report.yearTotal());
                out.add("to-date", "", "", report.toDate());
                if (report.target() != null) {
                    out.add(
                            "target-" + report.target().basis(),
                            "",
                            "",
                            report.target().target());
                    if (report.target().basis().equals("cumulative")) {
                        out.add("baseline", "", "", report.target().baseline());
                    }
                }
                IndicatorReport.Breakdown breakdown = report.breakdown();
                if (breakdown != null && !breakdown.withheld()) {
                    for (int r = 0; r < breakdown.rows().size(); r++) {
                        String gender = breakdown.rows().get(r);
                        out.add("breakdown", gender, "all", breakdown.rowTotals()[r]);
                        for (int c = 0; c < breakdown.columns().size(); c++) {
                            out.add(
                                    "breakdown",
                                    gender,
                                    breakdown.columns().get(c),
                                    breakdown.cells()[r][c]);
                        }
                    }
                    for (int c = 0; c < breakdown.columns().size(); c++) {
                        out.add(
                                "breakdown",
                                "all",
                                breakdown.columns().get(c),
                                breakdown.columnTotals()[c]);
                    }
                }
            }
        }
        return mapper.writer(schema).writeValueAsString(lines);
    }

    private record Lines(Scope scope, IndicatorReport report, List<Line> lines) {
        void add(String measure, String gender, String ageBand, Long value) {
            lines.add(new Line(
                    scope.region(),
                    scope.lab(),
                    report.indicator(),
                    String.join(" ", report.tags()),
                    report.year(),
                    measure,
                    gender,
                    ageBand,
                    value == null ? SUPPRESSED : String.valueOf(value)));
        }
    }
}
