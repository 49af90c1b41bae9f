package org.creativelabs.indicators;

import java.time.LocalDate;

/**
 * A total of counted facts: an indicator, a month (its first day), a gender and an age band ({@code ""} where the
 * indicator is not broken down that way), and the count. Aggregates only: there is no person here to find.
 */
public record Fact(String indicator, LocalDate period, String gender, String ageBand, long value) {}
