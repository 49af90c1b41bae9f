package org.creativelabs.core.spaces;

import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import org.creativelabs.core.members.plans.BookingAllowances;
import org.creativelabs.core.tenancy.LabTimeZone;
import org.creativelabs.core.web.Problems;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places bookings, one or a whole series, in the request's transaction: within the space's opening hours (in the
 * lab's time zone), within the person's monthly allowance, and never overlapping another booking. PostgreSQL's
 * exclusion constraint has the last word on overlaps, so concurrent requests for one slot give one booking.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class BookingDesk {

    private final BookingRepository bookings;
    private final BookingAllowances allowances;
    private final LabTimeZone labTimeZone;

    BookingDesk(BookingRepository bookings, BookingAllowances allowances, LabTimeZone labTimeZone) {
        this.bookings = bookings;
        this.allowances = allowances;
        this.labTimeZone = labTimeZone;
    }

    ZoneId zone() {
        return labTimeZone.current();
    }

    /** Books every slot for the person, or none: a slot outside hours, over the allowance or taken fails them all. */
    List<Booking> place(Space space, String subject, List<Slot> slots, String note, UUID seriesId) {
        ZoneId zone = zone();
        Instant now = Instant.now();
        for (Slot slot : slots) {
            // A slot that has begun cannot be booked: hours in the past would be free to take and never be used.
            if (!slot.startsAt().isAfter(now)) {
                throw Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "slot-in-the-past",
                        slot.startsAt().atZone(zone).toLocalDateTime().toString());
            }
            if (!space.isOpen(slot.startsAt(), slot.endsAt(), zone)) {
                throw Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "outside-opening-hours",
                        space.openingHours(),
                        zone.getId(),
                        slot.startsAt().atZone(zone).toLocalDateTime().toString());
            }
        }
        checkAllowance(subject, slots, zone);
        if (slots.size() > 1) {
            List<Slot> taken = slots.stream()
                    .filter(slot -> !bookings.findConfirmed(space.id(), slot.startsAt(), slot.endsAt())
                            .isEmpty())
                    .toList();
            if (!taken.isEmpty()) {
                throw slotTaken()
                        .with("conflicts", taken.stream().map(Slot::startsAt).toList());
            }
        }
        try {
            return bookings.saveAllAndFlush(slots.stream()
                    .map(slot -> new Booking(space.id(), subject, slot, note, seriesId))
                    .toList());
        } catch (DataIntegrityViolationException e) {
            throw isOverlap(e) ? slotTaken() : e;
        }
    }

    /** Hours a person's allowance has for a lab-local month (empty when unlimited), and the minutes used. */
    Usage usage(String subject, YearMonth month) {
        ZoneId zone = zone();
        return new Usage(
                allowances.monthlyHours(subject),
                bookings.bookedMinutes(
                        subject,
                        month.atDay(1).atStartOfDay(zone).toInstant(),
                        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
    }

    record Usage(OptionalInt allowanceHours, long usedMinutes) {}

    private void checkAllowance(String subject, List<Slot> slots, ZoneId zone) {
        OptionalInt hours = allowances.lockMonthlyHours(subject);
        if (hours.isEmpty()) {
            return;
        }
        Map<YearMonth, Long> wanted = new TreeMap<>();
        slots.forEach(slot -> wanted.merge(slot.month(zone), slot.duration().toMinutes(), Long::sum));
        wanted.forEach((month, minutes) -> {
            long used = usage(subject, month).usedMinutes();
            if (used + minutes > hours.getAsInt() * 60L) {
                throw Problems.of(
                        HttpStatus.CONFLICT,
                        "allowance-used-up",
                        hours.getAsInt(),
                        month.toString(),
                        used / 60.0,
                        minutes / 60.0);
            }
        });
    }

    private static Problems.Problem slotTaken() {
        return Problems.of(HttpStatus.CONFLICT, "slot-taken");
    }

    private static boolean isOverlap(DataIntegrityViolationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
