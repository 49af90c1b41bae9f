package org.creativelabs.core.spaces;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.Problems;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Booking a space. Two bookings of one space can never overlap: PostgreSQL's exclusion constraint decides, so
 * concurrent requests for the same slot give exactly one booking and 409s for the rest.
 */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "bookings", description = "Booking the lab's spaces")
class BookingController {

    private static final Duration LONGEST_LISTING = Duration.ofDays(92);

    private final SpaceRepository spaces;
    private final BookingRepository bookings;
    private final BookingSeriesRepository series;
    private final BookingDesk desk;
    private final IdempotencyKeys idempotency;
    private final LabAccess access;

    BookingController(
            SpaceRepository spaces,
            BookingRepository bookings,
            BookingSeriesRepository series,
            BookingDesk desk,
            IdempotencyKeys idempotency,
            LabAccess access) {
        this.spaces = spaces;
        this.bookings = bookings;
        this.series = series;
        this.desk = desk;
        this.idempotency = idempotency;
        this.access = access;
    }

    @GetMapping("/spaces/{spaceId}/bookings")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Confirmed bookings of a space that overlap [from, to) (default: the next 30 days)")
    @Transactional(readOnly = true)
    List<BookingView> list(
            @PathVariable UUID spaceId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        space(spaceId);
        Instant start = from == null ? Instant.now().minus(Duration.ofDays(1)) : from;
        Instant end = to == null ? start.plus(Duration.ofDays(31)) : to;
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(LONGEST_LISTING) > 0) {
            throw Problems.withMessage(HttpStatus.BAD_REQUEST, "invalid-request", "invalid-request.listing-range", 92);
        }
        boolean staff = access.hasAnyRole("lab-admin", "staff");
        return bookings.findConfirmed(spaceId, start, end).stream()
                .map(b -> b.view(LabAccess.subject(), staff))
                .toList();
    }

    @PostMapping("/spaces/{spaceId}/bookings")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff', 'mentor', 'resident')")
    @Transactional
    ResponseEntity<BookingView> book(
            @PathVariable String slug,
            @PathVariable UUID spaceId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody BookingRequest request) {
        return idempotency.createOnce(idempotencyKey, request, BookingView.class, () -> {
            Booking booking = desk.place(
                            space(spaceId), LabAccess.subject(), List.of(request.slot()), request.note(), null)
                    .get(0);
            URI location = UriComponentsBuilder.fromPath("/api/labs/{slug}/bookings/{id}")
                    .build(slug, booking.id());
            return ResponseEntity.created(location).body(booking.view(LabAccess.subject(), false));
        });
    }

    @PostMapping("/spaces/{spaceId}/booking-series")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff', 'mentor', 'resident')")
    @Operation(summary = "Book the same lab-local time daily or weekly: every occurrence or, on any conflict, none")
    @Transactional
    ResponseEntity<BookingSeriesView> bookSeries(
            @PathVariable String slug,
            @PathVariable UUID spaceId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody BookingSeriesRequest request) {
        return idempotency.createOnce(idempotencyKey, request, BookingSeriesView.class, () -> {
            Space space = space(spaceId);
            String subject = LabAccess.subject();
            BookingSeries created = series.saveAndFlush(
                    new BookingSeries(spaceId, subject, request.frequency(), request.occurrences()));
            List<Slot> slots =
                    BookingSeries.slots(request.firstSlot(), request.frequency(), request.occurrences(), desk.zone());
            List<BookingView> placed = desk.place(space, subject, slots, request.note(), created.id()).stream()
                    .map(b -> b.view(subject, false))
                    .toList();
            URI location = UriComponentsBuilder.fromPath("/api/labs/{slug}/booking-series/{id}")
                    .build(slug, created.id());
            return ResponseEntity.created(location).body(created.view(placed));
        });
    }

    @PostMapping("/booking-series/{id}/cancel")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Cancel the occurrences of a series that have not started (its owner, staff or a lab admin)")
    @Transactional
    BookingSeriesView cancelSeries(@PathVariable UUID id) {
        BookingSeries found = series.findById(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "booking-series-not-found", id));
        boolean staff = mayCancel(found.bookedBy());
        Instant now = Instant.now();
        List<Booking> occurrences = bookings.findBySeriesIdOrderByStartsAt(id);
        occurrences.stream().filter(b -> !b.hasStarted(now)).forEach(Booking::cancel);
        return found.view(bookings.saveAllAndFlush(occurrences).stream()
                .map(b -> b.view(LabAccess.subject(), staff))
                .toList());
    }

    @GetMapping("/bookings/mine")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Your bookings starting in a lab-local month (default: this one) and your plan's allowance")
    @Transactional(readOnly = true)
    MyBookings mine(@RequestParam(required = false) YearMonth month) {
        String subject = LabAccess.subject();
        YearMonth shown = month == null ? YearMonth.now(desk.zone()) : month;
        BookingDesk.Usage usage = desk.usage(subject, shown);
        List<BookingView> mine = bookings
                .findBookedBy(
                        subject,
                        shown.atDay(1).atStartOfDay(desk.zone()).toInstant(),
                        shown.plusMonths(1).atDay(1).atStartOfDay(desk.zone()).toInstant())
                .stream()
                .map(b -> b.view(subject, false))
                .toList();
        Integer allowance =
                usage.allowanceHours().isPresent() ? usage.allowanceHours().getAsInt() : null;
        return new MyBookings(shown, allowance, usage.usedMinutes() / 60.0, mine);
    }

    @PostMapping("/bookings/{id}/cancel")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(
            summary =
                    "Cancel a booking that has not started (its owner, staff or a lab admin); cancelling again changes nothing")
    @Transactional
    BookingView cancel(@PathVariable UUID id) {
        Booking booking =
                bookings.findById(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "booking-not-found", id));
        boolean staff = mayCancel(booking.bookedBy());
        // Hours once begun stay counted: cancelling them would hand the plan's allowance back after use.
        if (booking.confirmed() && booking.hasStarted(Instant.now())) {
            throw Problems.of(HttpStatus.CONFLICT, "booking-started", id);
        }
        booking.cancel();
        return bookings.saveAndFlush(booking).view(LabAccess.subject(), staff);
    }

    private Space space(UUID spaceId) {
        return spaces.findById(spaceId)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "space-not-found", spaceId));
    }

    /** Whether the caller is staff; throws 403 unless they are staff or the owner. */
    private boolean mayCancel(String owner) {
        boolean staff = access.hasAnyRole("lab-admin", "staff");
        if (!staff && !owner.equals(LabAccess.subject())) {
            throw Problems.withMessage(HttpStatus.FORBIDDEN, "forbidden", "forbidden.not-owner");
        }
        return staff;
    }
}
