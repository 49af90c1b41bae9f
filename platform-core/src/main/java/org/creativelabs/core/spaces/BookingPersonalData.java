package org.creativelabs.core.spaces;

import java.time.Instant;
import java.util.Map;
import org.creativelabs.core.members.privacy.PersonalData;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's bookings in their export; on erasure their upcoming bookings are cancelled (the space is free again)
 * and past ones stay, under the pseudonym and without notes, so the lab's usage figures hold.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class BookingPersonalData implements PersonalData {

    private final BookingRepository bookings;
    private final BookingSeriesRepository series;

    BookingPersonalData(BookingRepository bookings, BookingSeriesRepository series) {
        this.bookings = bookings;
        this.series = series;
    }

    @Override
    public String section() {
        return "bookings";
    }

    @Override
    public Object export(String subject) {
        return Map.of(
                "bookings",
                        bookings.findByBookedByOrderByStartsAt(subject).stream()
                                .map(b -> b.view(subject, false))
                                .toList(),
                "series",
                        series.findByBookedBy(subject).stream()
                                .map(s -> s.view(java.util.List.of()))
                                .toList());
    }

    @Override
    public void erase(String subject, String pseudonym) {
        bookings.cancelUpcoming(subject, Instant.now());
        bookings.pseudonymise(subject, pseudonym);
        series.pseudonymise(subject, pseudonym);
    }
}
