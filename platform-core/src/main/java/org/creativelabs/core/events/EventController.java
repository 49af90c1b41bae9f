package org.creativelabs.core.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.PageView;
import org.creativelabs.core.web.Problems;
import org.creativelabs.core.web.SortableBy;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The lab's events: listed publicly without a token, managed by staff. */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "events", description = "Open events of the lab")
class EventController {

    private final LabEventRepository events;
    private final RegistrationRepository registrations;
    private final RegistrationDesk desk;
    private final IdempotencyKeys idempotency;
    private final JdbcTemplate jdbc;

    EventController(
            LabEventRepository events,
            RegistrationRepository registrations,
            RegistrationDesk desk,
            IdempotencyKeys idempotency,
            JdbcTemplate jdbc) {
        this.events = events;
        this.registrations = registrations;
        this.desk = desk;
        this.idempotency = idempotency;
        this.jdbc = jdbc;
    }

    @GetMapping("/public/events")
    @Operation(summary = "Upcoming public events, with seats left (no token needed)")
    @Transactional(readOnly = true)
    PageView<EventView> upcoming(
            @SortableBy({"startsAt", "title"}) @PageableDefault(size = 20, sort = "startsAt") Pageable pageable) {
        return PageView.of(events.findUpcomingListed(Instant.now(), pageable), this::view);
    }

    @GetMapping("/public/events/{id}")
    @Operation(summary = "One public event, with seats left and seats waiting (no token needed)")
    @Transactional(readOnly = true)
    EventView publicEvent(@PathVariable UUID id) {
        return events.findById(id)
                .filter(LabEvent::publiclyVisible)
                .map(this::view)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "event-not-found", id));
    }

    /** Any event of the lab, unlisted or cancelled too (for staff pages). */
    @Transactional(readOnly = true)
    EventView anyEvent(UUID id) {
        return events.findById(id)
                .map(this::view)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "event-not-found", id));
    }

    @GetMapping("/events")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Every event of the lab, unlisted and cancelled ones included")
    @Transactional(readOnly = true)
    PageView<EventView> list(
            @SortableBy({"startsAt", "createdAt", "title"})
                    @PageableDefault(size = 50, sort = "startsAt", direction = Sort.Direction.DESC)
                    Pageable pageable) {
        return PageView.of(events.findAll(pageable), this::view);
    }

    @PostMapping("/events")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional
    ResponseEntity<EventView> create(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody EventRequest request) {
        return idempotency.createOnce(idempotencyKey, request, EventView.class, () -> {
            checkSpace(request);
            LabEvent event = events.saveAndFlush(new LabEvent(request));
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/public/events/{id}")
                            .build(slug, event.id()))
                    .body(view(event));
        });
    }

    @PutMapping("/events/{id}")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Change an event; more seats are offered to the line, fewer than are held is refused")
    @Transactional
    EventView change(@PathVariable UUID id, @Valid @RequestBody EventRequest request) {
        LabEvent event = desk.lock(id);
        if (request.version() == null || request.version() != event.version()) {
            throw new ObjectOptimisticLockingFailureException(LabEvent.class, id);
        }
        checkSpace(request);
        long held = registrations.seats(id).taken();
        event.apply(request);
        desk.changed(events.saveAndFlush(event), held);
        return view(event);
    }

    @PostMapping("/events/{id}/cancel")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Cancel an event and every registration for it; cancelling again changes nothing")
    @Transactional
    EventView cancel(@PathVariable UUID id) {
        LabEvent event = desk.lock(id);
        desk.cancelEvent(event);
        return view(events.saveAndFlush(event));
    }

    private EventView view(LabEvent event) {
        return event.view(registrations.seats(event.id()));
    }

    private void checkSpace(EventRequest request) {
        if (request.spaceId() != null
                && !jdbc.queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM space WHERE id = ?)", Boolean.class, request.spaceId())) {
            throw Problems.invalidField("spaceId", "not-a-space");
        }
    }
}
