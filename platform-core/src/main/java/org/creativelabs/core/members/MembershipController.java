package org.creativelabs.core.members;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.UUID;
import org.creativelabs.core.members.plans.MembershipPlan;
import org.creativelabs.core.members.plans.PlanRepository;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.PageView;
import org.creativelabs.core.web.Problems;
import org.creativelabs.core.web.SortableBy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Who belongs to the lab and with which roles. Lab admins manage it; staff may read it. */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "memberships", description = "People of a lab and their roles")
class MembershipController {

    private final MembershipRepository memberships;
    private final PlanRepository plans;
    private final IdempotencyKeys idempotency;
    private final MembershipReports reports;

    MembershipController(
            MembershipRepository memberships,
            PlanRepository plans,
            IdempotencyKeys idempotency,
            MembershipReports reports) {
        this.memberships = memberships;
        this.plans = plans;
        this.reports = reports;
        this.idempotency = idempotency;
    }

    @GetMapping("/memberships")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Memberships, optionally only those with a role (e.g. applicant) or activity")
    @Transactional(readOnly = true)
    PageView<MembershipView> list(
            @RequestParam(required = false) LabRole role,
            @RequestParam(required = false) Boolean active,
            @SortableBy({"createdAt", "updatedAt"}) @PageableDefault(size = 50, sort = "createdAt") Pageable pageable) {
        return PageView.of(memberships.search(role, active, pageable), Membership::view);
    }

    @GetMapping("/memberships/me")
    @PreAuthorize("@labAccess.hasOwnRecord()")
    @Transactional(readOnly = true)
    MembershipView me() {
        return memberships
                .findBySubject(LabAccess.subject())
                .map(Membership::view)
                .orElseThrow();
    }

    @PostMapping("/memberships")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    @Transactional
    ResponseEntity<MembershipView> add(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody MembershipRequest request) {
        return idempotency.createOnce(idempotencyKey, request, MembershipView.class, () -> {
            if (memberships.findBySubject(request.subject()).isPresent()) {
                throw Problems.of(HttpStatus.CONFLICT, "membership-exists");
            }
            Membership membership =
                    memberships.saveAndFlush(new Membership(request.subject(), EnumSet.copyOf(request.roles())));
            reports.changed();
            return ResponseEntity.created(location(slug, membership.id())).body(membership.view());
        });
    }

    @PutMapping("/memberships/{id}")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    @Transactional
    MembershipView change(@PathVariable UUID id, @Valid @RequestBody MembershipChange change) {
        Membership membership = find(id);
        if (change.version() != membership.version()) {
            throw new ObjectOptimisticLockingFailureException(Membership.class, id);
        }
        if (membership.erased()) {
            throw Problems.of(HttpStatus.CONFLICT, "membership-erased", id);
        }
        if (change.planId() != null
                && plans.findById(change.planId())
                        .filter(MembershipPlan::active)
                        .isEmpty()) {
            throw Problems.invalidField("planId", "not-an-active-plan");
        }
        membership.change(EnumSet.copyOf(change.roles()), change.active());
        membership.choosePlan(change.planId());
        reports.changed();
        return memberships.saveAndFlush(membership).view();
    }

    /** Staff accept an applicant: they become a resident, mentor or network member of the lab. */
    @PostMapping("/memberships/{id}/approve")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Approve an application, with the roles it grants (resident, mentor or network-member)")
    @Transactional
    MembershipView approve(@PathVariable UUID id, @Valid @RequestBody Approval approval) {
        Membership membership = pendingApplication(id, approval.version());
        membership.change(EnumSet.copyOf(approval.roles()), true);
        reports.changed();
        return memberships.saveAndFlush(membership).view();
    }

    @PostMapping("/memberships/{id}/decline")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Operation(summary = "Decline an application (the record stays, inactive; the person may be approved later)")
    @Transactional
    MembershipView decline(@PathVariable UUID id, @Valid @RequestBody Decline decline) {
        Membership membership = pendingApplication(id, decline.version());
        membership.change(membership.roles(), false);
        reports.changed();
        return memberships.saveAndFlush(membership).view();
    }

    private Membership pendingApplication(UUID id, long version) {
        Membership membership = find(id);
        if (version != membership.version()) {
            throw new ObjectOptimisticLockingFailureException(Membership.class, id);
        }
        if (!membership.roles().equals(EnumSet.of(LabRole.APPLICANT)) || membership.erased()) {
            throw Problems.of(HttpStatus.CONFLICT, "not-an-application", id);
        }
        return membership;
    }

    private Membership find(UUID id) {
        return memberships
                .findById(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "membership-not-found", id));
    }

    /**
     * Public flow: anyone with a personal account may apply to join the lab; staff then approve. Applying again
     * changes nothing. Platform accounts (coordinators, UNDP viewers) do not join labs.
     */
    @PostMapping("/membership-requests")
    @PreAuthorize("isAuthenticated() and !hasAnyRole('platform-coordinator', 'undp-viewer')")
    @Operation(summary = "Apply to join this lab (open to any signed-in person)")
    @Transactional
    ResponseEntity<MembershipView> apply(@PathVariable String slug) {
        String subject = LabAccess.subject();
        return memberships
                .findBySubject(subject)
                .map(existing -> ResponseEntity.ok(existing.view()))
                .orElseGet(() -> {
                    try {
                        Membership applicant =
                                memberships.saveAndFlush(new Membership(subject, EnumSet.of(LabRole.APPLICANT)));
                        reports.changed();
                        return ResponseEntity.created(location(slug, applicant.id()))
                                .body(applicant.view());
                    } catch (DataIntegrityViolationException concurrentRetry) {
                        throw Problems.withMessage(
                                HttpStatus.CONFLICT, "membership-exists", "membership-exists.applied");
                    }
                });
    }

    private static java.net.URI location(String slug, UUID id) {
        return UriComponentsBuilder.fromPath("/api/labs/{slug}/memberships/{id}")
                .build(slug, id);
    }
}
