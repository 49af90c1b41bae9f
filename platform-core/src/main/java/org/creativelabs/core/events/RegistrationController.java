package org.creativelabs.core.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.members.LabAccess;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.PageView;
import org.creativelabs.core.web.Problems;
import org.creativelabs.core.web.SortableBy;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
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
 * Registering for events: anyone, with an account or with a name and a contact. A registrant without an account acts
 * on their registration with its check-in code (sent in the body, never in a URL); staff manage the line.
 */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "event registrations", description = "Registrations, the waitlist and offered seats")
class RegistrationController {

    /** Public flows take anyone, with or without an account; platform accounts take no part in a lab's life. */
    static final String PUBLIC_FLOW = "!hasAnyRole('platform-coordinator', 'undp-viewer')";

    static final String ACCOUNT = "account:";
    static final String CONTACT = "contact:";

    private final RegistrationRepository registrations;
    private final RegistrationDesk desk;
    private final CheckInCodes codes;
    private final IdempotencyKeys idempotency;
    private final LabAccess access;
    private final EventPersonalData personalData;

    RegistrationController(
            RegistrationRepository registrations,
            RegistrationDesk desk,
            CheckInCodes codes,
            IdempotencyKeys idempotency,
            LabAccess access,
            EventPersonalData personalData) {
        this.registrations = registrations;
        this.desk = desk;
        this.codes = codes;
        this.idempotency = idempotency;
        this.access = access;
        this.personalData = personalData;
    }

    @PostMapping("/public/events/{id}/registrations")
    @PreAuthorize(PUBLIC_FLOW)
    @Operation(
            summary = "Register for an event, with or without an account: confirmed while seats are free, else"
                    + " waitlisted in arrival order")
    @Transactional
    ResponseEntity<RegistrationView> register(
            @PathVariable String slug,
            @PathVariable UUID id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody RegistrationRequest request) {
        return idempotency.createOnce(idempotencyKey, request, RegistrationView.class, () -> {
            Registration registration = desk.register(id, registrant(request), request.seats());
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/public/events/{id}")
                            .build(slug, id))
                    .body(view(registration));
        });
    }

    @PostMapping("/public/registrations/lookup")
    @PreAuthorize(PUBLIC_FLOW)
    @Operation(summary = "A registration by its check-in code: its status, place in line or offered seat")
    @Transactional(readOnly = true)
    RegistrationView lookup(@Valid @RequestBody CodeRequest request) {
        CheckInCodes.Code code = code(request);
        return view(desk.registration(code.eventId(), code.registrationId()));
    }

    @PostMapping("/public/registrations/cancel")
    @PreAuthorize(PUBLIC_FLOW)
    @Operation(summary = "Cancel a registration by its code; its seats are offered to the line")
    @Transactional
    RegistrationView cancel(@Valid @RequestBody CodeRequest request) {
        CheckInCodes.Code code = code(request);
        return view(desk.cancel(code.eventId(), code.registrationId(), "cancelled"));
    }

    @PostMapping("/public/registrations/claim")
    @PreAuthorize(PUBLIC_FLOW)
    @Operation(summary = "Take the seat offered to a waitlisted registration, within the claim window")
    // A lapsed offer is a 409, and the lapse (the seat going to the next in line) is kept.
    @Transactional(noRollbackFor = Problems.Problem.class)
    RegistrationView claim(@Valid @RequestBody CodeRequest request) {
        CheckInCodes.Code code = code(request);
        return view(desk.claim(code.eventId(), code.registrationId()));
    }

    @PostMapping("/public/registrations/erase")
    @PreAuthorize(PUBLIC_FLOW)
    @Operation(
            summary = "Erase your registration's name and contact by its code (cancelled first if the event is still to"
                    + " come); erasing again changes nothing")
    @Transactional
    RegistrationView erase(@Valid @RequestBody CodeRequest request) {
        CheckInCodes.Code code = code(request);
        return personalData
                .eraseRegistration(code.eventId(), code.registrationId())
                .view(null, null);
    }

    @PostMapping("/events/{id}/registrations/{registrationId}/erasure")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    @Operation(summary = "Erase a registration's name and contact on its holder's request made in person")
    @Transactional
    StaffRegistrationView eraseByStaff(@PathVariable UUID id, @PathVariable UUID registrationId) {
        return personalData.eraseRegistration(id, registrationId).staffView();
    }

    @GetMapping("/events/registrations/mine")
    @PreAuthorize("isAuthenticated() and " + PUBLIC_FLOW)
    @Operation(summary = "Your registrations in this lab, with their codes")
    @Transactional(readOnly = true)
    List<RegistrationView> mine() {
        return registrations.findBySubjectOrderByCreatedAt(LabAccess.subject()).stream()
                .map(this::view)
                .toList();
    }

    @GetMapping("/events/{id}/registrations")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "An event's registrations (optionally of one status), in line order by default")
    @Transactional(readOnly = true)
    PageView<StaffRegistrationView> list(
            @PathVariable UUID id,
            @RequestParam(required = false) Registration.Status status,
            @SortableBy({"position", "createdAt"}) @PageableDefault(size = 100, sort = "position") Pageable pageable) {
        desk.event(id);
        return PageView.of(
                status == null
                        ? registrations.findByEventId(id, pageable)
                        : registrations.findByEventIdAndStatus(id, status, pageable),
                Registration::staffView);
    }

    @PostMapping("/events/{id}/registrations/{registrationId}/cancel")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Staff cancel a registration; its seats are offered to the line")
    @Transactional
    StaffRegistrationView cancelByStaff(@PathVariable UUID id, @PathVariable UUID registrationId) {
        return desk.cancel(id, registrationId, "cancelled").staffView();
    }

    private RegistrationDesk.Registrant registrant(RegistrationRequest request) {
        String subject = LabAccess.subject();
        if (subject == null && request.contact() == null) {
            throw Problems.invalidField("contact", "required-without-account");
        }
        RegistrationDesk.NetworkConsent joins = null;
        // Members are in the network already; anyone else joins it only by their own recorded consent.
        if (request.joinsNetwork() && !(subject != null && access.isMember())) {
            if (request.contact() == null) {
                throw Problems.invalidField("contact", "required-to-join");
            }
            if (request.consentWording() == null) {
                throw Problems.invalidField("consentWording", "required-to-join");
            }
            joins = new RegistrationDesk.NetworkConsent(request.consentWording());
        }
        String personKey = subject != null ? ACCOUNT + subject : CONTACT + NetworkContact.key(request.contact());
        return new RegistrationDesk.Registrant(personKey, subject, request.name(), request.contact(), joins);
    }

    private CheckInCodes.Code code(CodeRequest request) {
        return codes.verify(request.code()).orElseThrow(() -> Problems.invalidField("code", "not-a-check-in-code"));
    }

    private RegistrationView view(Registration registration) {
        String code = registration.status().live() ? codes.issue(registration.eventId(), registration.id()) : null;
        return registration.view(code, desk.waitlistPlace(registration));
    }
}
