package org.creativelabs.core.spaces;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
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
    private final IdempotencyKeys idempotency;
    private final LabAccess access;
    private final ZoneId labZone;

    BookingController(SpaceRepository spaces, BookingRepository bookings, IdempotencyKeys idempotency, LabAccess access,
            @Value("${platform.labs.time-zone:Asia/Bishkek}") ZoneId labZone) {
        this.spaces = spaces;
        this.bookings = bookings;
        this.idempotency = idempotency;
        this.access = access;
        this.labZone = labZone;
    }

    @GetMapping("/spaces/{spaceId}/bookings")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Confirmed bookings of a space that overlap [from, to) (default: the next 30 days)")
    @Transactional(readOnly = true)
    List<BookingView> list(@PathVariable UUID spaceId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        space(spaceId);
        Instant start = from == null ? Instant.now().minus(Duration.ofDays(1)) : from;
        Instant end = to == null ? start.plus(Duration.ofDays(31)) : to;
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(LONGEST_LISTING) > 0) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "Invalid range",
                    "from must be before to, at most 92 days apart.", "invalid-request");
        }
        boolean staff = access.hasAnyRole("lab-admin", "staff");
        return bookings.findConfirmed(spaceId, start, end).stream().map(b -> b.view(LabAccess.subject(), staff)).toList();
    }

    @PostMapping("/spaces/{spaceId}/bookings")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff', 'mentor', 'resident')")
    @Transactional
    ResponseEntity<BookingView> book(@PathVariable String slug, @PathVariable UUID spaceId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody BookingRequest request) {
        return idempotency.createOnce(idempotencyKey, request, BookingView.class, () -> {
            Space space = space(spaceId);
            if (!space.isOpen(request.startsAt(), request.endsAt(), labZone)) {
                throw Problems.exception(HttpStatus.BAD_REQUEST, "Outside opening hours",
                        "This space can be booked within one day's opening hours, " + space.openingHours() + " (" + labZone + ").",
                        "outside-opening-hours");
            }
            Booking booking;
            try {
                booking = bookings.saveAndFlush(new Booking(spaceId, LabAccess.subject(), request));
            } catch (DataIntegrityViolationException e) {
                throw slotTaken(e);
            }
            URI location = UriComponentsBuilder.fromPath("/api/labs/{slug}/bookings/{id}").build(slug, booking.id());
            return ResponseEntity.created(location).body(booking.view(LabAccess.subject(), false));
        });
    }

    @PostMapping("/bookings/{id}/cancel")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Cancel a booking (its owner, staff or a lab admin); cancelling again changes nothing")
    @Transactional
    BookingView cancel(@PathVariable UUID id) {
        Booking booking = bookings.findById(id).orElseThrow(() -> Problems.exception(HttpStatus.NOT_FOUND,
                "Booking not found", "There is no booking " + id + " in this lab.", "booking-not-found"));
        boolean staff = access.hasAnyRole("lab-admin", "staff");
        if (!staff && !booking.bookedBy().equals(LabAccess.subject())) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "Forbidden", "Only its owner or staff may cancel a booking.",
                    "forbidden");
        }
        booking.cancel();
        return bookings.saveAndFlush(booking).view(LabAccess.subject(), staff);
    }

    private Space space(UUID spaceId) {
        return spaces.findById(spaceId).orElseThrow(() -> new SpaceNotFoundException(spaceId));
    }

    private static RuntimeException slotTaken(DataIntegrityViolationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
                return Problems.exception(HttpStatus.CONFLICT, "Already booked",
                        "This space is already booked for part of that time.", "slot-taken");
            }
        }
        return e;
    }
}
