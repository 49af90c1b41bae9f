package org.creativelabs.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorReportTests {

    @Test
    void aReportShowsTheSameYearTotalInItsMonthsItsBreakdownAndItsTarget() {
        List<Fact> facts = new ArrayList<>();
        residents(facts, 2026, 3, "woman", "18-24", 12);
        residents(facts, 2026, 4, "woman", "25-28", 3);
        residents(facts, 2026, 5, "man", "18-24", 9);
        residents(facts, 2025, 9, "woman", "29-35", 7);

        IndicatorReport report = IndicatorReport.of(Indicator.RESIDENTS_NEW, 2026, facts, null);

        assertThat(report.yearTotal()).isEqualTo(24L);
        assertThat(report.breakdown().total()).isEqualTo(24L);
        assertThat(report.target().actual()).isEqualTo(24L);
        assertThat(report.target().target()).isEqualTo(100L);
        assertThat(report.toDate()).isEqualTo(31L);
        assertThat(report.months()[3]).as("April's 3").isNull();
        assertThat(report.breakdown().cells()[0][2]).as("women 25-28").isNull();
        assertThat(report.breakdown().rowTotals()[0]).as("women").isEqualTo(15L);
    }

    @Test
    void aSmallLabsTotalCannotBeWorkedOutAsItsRegionMinusItsSiblings() {
        List<Fact> big = new ArrayList<>();
        residents(big, 2026, 3, "woman", "18-24", 40);
        List<Fact> village = new ArrayList<>();
        residents(village, 2026, 3, "woman", "18-24", 3);
        List<IndicatorReport.Counts> siblings = List.of(
                IndicatorReport.Counts.of(Indicator.RESIDENTS_NEW, 2026, big),
                IndicatorReport.Counts.of(Indicator.RESIDENTS_NEW, 2026, village));
        List<Fact> region = new ArrayList<>(big);
        region.addAll(village);

        assertThat(IndicatorReport.of(Indicator.RESIDENTS_NEW, 2026, region, null)
                        .yearTotal())
                .isEqualTo(43L);
        assertThat(IndicatorReport.amongSiblings(siblings, 1, null).yearTotal()).isNull();
        IndicatorReport bigLab = IndicatorReport.amongSiblings(siblings, 0, null);
        assertThat(IndicatorReport.of(siblings.get(0), null).yearTotal())
                .as("alone, the big lab would show its 40")
                .isEqualTo(40L);
        assertThat(bigLab.yearTotal()).as("beside its region's 43, it must not").isNull();
        assertThat(bigLab.months()[2]).isNull();
        assertThat(bigLab.breakdown().total()).isNull();
        assertThat(bigLab.target().actual()).isNull();
    }

    @Test
    void quantitiesAreNeverSuppressed() {
        List<Fact> facts = List.of(new Fact("bookings", LocalDate.of(2026, 2, 1), "", "", 2));
        IndicatorReport report = IndicatorReport.of(Indicator.BOOKINGS, 2026, facts, null);
        assertThat(report.yearTotal()).isEqualTo(2L);
        assertThat(report.breakdown()).isNull();
    }

    private static void residents(List<Fact> facts, int year, int month, String gender, String band, long count) {
        facts.add(new Fact("residents.new", LocalDate.of(year, month, 1), gender, band, count));
    }
}
