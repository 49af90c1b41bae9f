package org.creativelabs.core.spaces;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/** [startsAt, endsAt) of one booking. */
record Slot(Instant startsAt, Instant endsAt) {

    static final Duration LONGEST = Duration.ofHours(12);

    boolean isValid() {
        return startsAt.isBefore(endsAt) && duration().compareTo(LONGEST) <= 0;
    }

    Duration duration() {
        return Duration.between(startsAt, endsAt);
    }

    /** The lab-local month an allowance counts this slot in: the month it starts. */
    YearMonth month(ZoneId zone) {
        return YearMonth.from(startsAt.atZone(zone));
    }

    /** The same lab-local times, {@code days} later (so a weekly 10:00 stays at 10:00 across a clock change). */
    Slot plusDays(long days, ZoneId zone) {
        return new Slot(
                startsAt.atZone(zone).plusDays(days).toInstant(),
                endsAt.atZone(zone).plusDays(days).toInstant());
    }
}
