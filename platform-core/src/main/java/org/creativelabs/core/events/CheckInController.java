package org.creativelabs.core.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checking people in at the door, online or offline: staff take the event's roster (names, seats and the lab's public
 * key) onto a phone, scan codes or pick names without a connection, and send the scans later. Sync is idempotent and
 * serialised per event: a registration is checked in once, by the first scan, however many phones scanned it and
 * however often a batch is sent again.
 */
@RestController
@RequestMapping("/api/labs/{slug}/events/{id}")
@Tag(name = "check-in", description = "Rosters, check-in and attendance")
class CheckInController {

    /** A scan's clock may run ahead of the server's by this much; later is taken as now. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

    record Roster(
            UUID eventId, String title, Instant startsAt, String publicKey, Instant generatedAt, List<Entry> entries) {

        record Entry(UUID registrationId, String name, int seats, Instant checkedInAt) {}
    }

    /** One scan: a code read by the camera, or a registration picked from the roster by name. */
    record Scan(@Size(max = 200) String code, UUID registrationId, Instant scannedAt) {

        @AssertTrue(message = "must hold a code or a registrationId, not both") boolean isIdentified() {
            return (code == null) != (registrationId == null);
        }
    }

    record CheckIns(
            @Size(max = 80) String device,
            @NotNull @Size(min = 1, max = 2000) List<@Valid @NotNull Scan> scans) {}

    /** What a sync did: {@code rejected} names each scan that checked no one in, by its index in the batch. */
    record CheckInResult(int checkedIn, int alreadyCheckedIn, List<Rejected> rejected, Attendance attendance) {

        record Rejected(int index, String reason) {}
    }

    record Attendance(
            UUID eventId,
            int capacity,
            long registrations,
            long confirmedSeats,
            long offeredSeats,
            long waitlistedSeats,
            long checkedInRegistrations,
            long checkedInSeats) {}

    private final RegistrationRepository registrations;
    private final RegistrationDesk desk;
    private final CheckInCodes codes;

    CheckInController(RegistrationRepository registrations, RegistrationDesk desk, CheckInCodes codes) {
        this.registrations = registrations;
        this.desk = desk;
        this.codes = codes;
    }

    @GetMapping("/roster")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "The event's confirmed registrations and the key that verifies their codes, for a door phone")
    @Transactional
    Roster roster(@PathVariable UUID id) {
        LabEvent event = desk.event(id);
        List<Roster.Entry> entries =
                registrations
                        .findByEventIdAndStatusInOrderByPosition(id, List.of(Registration.Status.CONFIRMED))
                        .stream()
                        .map(r -> new Roster.Entry(r.id(), r.name(), r.seats(), r.checkedInAt()))
                        .toList();
        return new Roster(id, event.title(), event.startsAt(), codes.publicKey(), Instant.now(), entries);
    }

    @PostMapping("/check-ins")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Check people in: one scan online, or a phone's offline scans later; each person counts once")
    @Transactional
    CheckInResult checkIn(@PathVariable UUID id, @Valid @RequestBody CheckIns request) {
        desk.lock(id);
        Instant latest = Instant.now().plus(CLOCK_SLACK);
        Map<UUID, Registration> confirmed =
                registrations
                        .findByEventIdAndStatusInOrderByPosition(id, List.of(Registration.Status.CONFIRMED))
                        .stream()
                        .collect(Collectors.toMap(Registration::id, Function.identity()));
        int checkedIn = 0;
        int already = 0;
        List<CheckInResult.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < request.scans().size(); i++) {
            Scan scan = request.scans().get(i);
            Optional<UUID> registrationId = scan.code() != null
                    ? codes.verify(scan.code())
                            .filter(c -> c.eventId().equals(id))
                            .map(CheckInCodes.Code::registrationId)
                    : Optional.of(scan.registrationId());
            if (registrationId.isEmpty()) {
                rejected.add(new CheckInResult.Rejected(
                        i, codes.verify(scan.code()).isPresent() ? "another-event" : "invalid-code"));
                continue;
            }
            Registration registration = confirmed.get(registrationId.get());
            if (registration == null) {
                rejected.add(new CheckInResult.Rejected(i, "not-confirmed"));
                continue;
            }
            Instant at =
                    scan.scannedAt() == null || scan.scannedAt().isAfter(latest) ? Instant.now() : scan.scannedAt();
            if (registration.checkIn(at, request.device())) {
                checkedIn++;
            } else {
                already++;
            }
        }
        registrations.saveAllAndFlush(confirmed.values());
        return new CheckInResult(checkedIn, already, rejected, attendance(id));
    }

    @GetMapping("/attendance")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Seats confirmed, offered and waiting, and who has come")
    @Transactional(readOnly = true)
    Attendance attendance(@PathVariable UUID id) {
        LabEvent event = desk.event(id);
        List<Registration> all =
                registrations.findByEventIdAndStatusInOrderByPosition(id, List.of(Registration.Status.values()));
        return new Attendance(
                id,
                event.capacity(),
                all.size(),
                seats(all, Registration.Status.CONFIRMED),
                seats(all, Registration.Status.OFFERED),
                seats(all, Registration.Status.WAITLISTED),
                all.stream().filter(r -> r.checkedInAt() != null).count(),
                all.stream()
                        .filter(r -> r.checkedInAt() != null)
                        .mapToLong(Registration::seats)
                        .sum());
    }

    private static long seats(List<Registration> all, Registration.Status status) {
        return all.stream()
                .filter(r -> r.status() == status)
                .mapToLong(Registration::seats)
                .sum();
    }
}
