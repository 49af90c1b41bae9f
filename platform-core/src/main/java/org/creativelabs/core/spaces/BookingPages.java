package org.creativelabs.core.spaces;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The portal's booking pages: a space's week, hour by hour (free, taken, mine), and the person's own bookings. */
@Controller
@RequestMapping("/api/labs/{slug}/portal")
class BookingPages {

    private final SpaceController spaces;
    private final BookingController bookings;
    private final BookingDesk desk;

    BookingPages(SpaceController spaces, BookingController bookings, BookingDesk desk) {
        this.spaces = spaces;
        this.bookings = bookings;
        this.desk = desk;
    }

    /** One hour of a day's calendar: past, free, taken by someone or mine. */
    record Hour(LocalTime from, Instant startsAt, Instant endsAt, String state) {}

    record Day(LocalDate date, List<Hour> hours) {}

    @GetMapping("/book")
    @PreAuthorize("@labAccess.isMember()")
    @Transactional(readOnly = true)
    String week(
            @RequestParam(required = false) UUID space,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
            Model model) {
        ZoneId zone = desk.zone();
        List<SpaceView> all =
                spaces.list(null, PageRequest.of(0, 100, Sort.by("name"))).items();
        model.addAttribute("spaces", all);
        model.addAttribute("allowance", bookings.mine(YearMonth.now(zone)));
        if (all.isEmpty()) {
            return "portal/book";
        }
        SpaceView chosen =
                all.stream().filter(s -> s.id().equals(space)).findFirst().orElse(all.get(0));
        LocalDate monday =
                (week == null ? LocalDate.now(zone) : week).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant from = monday.atStartOfDay(zone).toInstant();
        Instant to = monday.plusDays(7).atStartOfDay(zone).toInstant();
        List<BookingView> taken = bookings.list(chosen.id(), from, to);
        Instant now = Instant.now();
        List<Day> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            LocalDate date = monday.plusDays(d);
            List<Hour> hours = new ArrayList<>();
            for (LocalTime t = chosen.opensAt(); t.isBefore(chosen.closesAt()); ) {
                LocalTime end = Duration.between(t, chosen.closesAt()).compareTo(Duration.ofHours(1)) > 0
                        ? t.plusHours(1)
                        : chosen.closesAt();
                Instant starts = date.atTime(t).atZone(zone).toInstant();
                Instant ends = date.atTime(end).atZone(zone).toInstant();
                hours.add(new Hour(t, starts, ends, state(taken, starts, ends, now)));
                t = end;
            }
            days.add(new Day(date, hours));
        }
        model.addAttribute("space", chosen);
        model.addAttribute("monday", monday);
        model.addAttribute("previousWeek", monday.minusWeeks(1));
        model.addAttribute("nextWeek", monday.plusWeeks(1));
        model.addAttribute("days", days);
        return "portal/book";
    }

    private static String state(List<BookingView> taken, Instant starts, Instant ends, Instant now) {
        for (BookingView b : taken) {
            if (b.startsAt().isBefore(ends) && b.endsAt().isAfter(starts)) {
                return b.mine() ? "mine" : "taken";
            }
        }
        // a slot that has begun can no longer be booked
        return starts.isAfter(now) ? "free" : "past";
    }

    @GetMapping("/bookings")
    @PreAuthorize("@labAccess.isMember()")
    @Transactional(readOnly = true)
    String mine(@RequestParam(required = false) YearMonth month, Model model) {
        MyBookings mine = bookings.mine(month);
        model.addAttribute("mine", mine);
        model.addAttribute(
                "spaceNames",
                spaces.list(null, PageRequest.of(0, 100, Sort.by("name"))).items().stream()
                        .collect(java.util.stream.Collectors.toMap(SpaceView::id, SpaceView::name)));
        model.addAttribute("previousMonth", mine.month().minusMonths(1));
        model.addAttribute("nextMonth", mine.month().plusMonths(1));
        model.addAttribute("now", Instant.now());
        return "portal/bookings";
    }
}
