package org.creativelabs.indicators;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(DisclosureAttack.derivable(counts, table)).isEmpty();
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
        assertThat(DisclosureAttack.derivable(counts, careless)).containsExactly("cell 0,1");
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
            assertThat(DisclosureAttack.derivable(counts, table))
                    .as("round %d", round)
                    .isEmpty();
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
}
