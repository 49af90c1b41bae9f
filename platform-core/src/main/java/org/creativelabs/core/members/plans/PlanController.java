package org.creativelabs.core.members.plans;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.creativelabs.core.web.IdempotencyKeys;
import org.creativelabs.core.web.PageView;
import org.creativelabs.core.web.Problems;
import org.creativelabs.core.web.SortableBy;
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

/** The lab's membership plans and their booking allowances. Members see them; lab admins keep them. */
@RestController
@RequestMapping("/api/labs/{slug}")
@Tag(name = "plans", description = "Membership plans and booking allowances")
class PlanController {

    private final PlanRepository plans;
    private final IdempotencyKeys idempotency;

    PlanController(PlanRepository plans, IdempotencyKeys idempotency) {
        this.plans = plans;
        this.idempotency = idempotency;
    }

    @GetMapping("/plans")
    @PreAuthorize("@labAccess.isMember()")
    @Operation(summary = "Membership plans (active ones unless active=false)")
    @Transactional(readOnly = true)
    PageView<PlanView> list(
            @RequestParam(defaultValue = "true") boolean active,
            @SortableBy({"name", "monthlyBookingHours"}) @PageableDefault(size = 50, sort = "name") Pageable pageable) {
        return PageView.of(plans.findByActive(active, pageable), MembershipPlan::view);
    }

    @PostMapping("/plans")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    @Transactional
    ResponseEntity<PlanView> create(
            @PathVariable String slug,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody PlanRequest request) {
        return idempotency.createOnce(idempotencyKey, request, PlanView.class, () -> {
            MembershipPlan plan = plans.saveAndFlush(new MembershipPlan(request));
            return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/labs/{slug}/plans/{id}")
                            .build(slug, plan.id()))
                    .body(plan.view());
        });
    }

    @PutMapping("/plans/{id}")
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin')")
    @Operation(summary = "Change a plan (a new allowance applies to bookings made from now on)")
    @Transactional
    PlanView change(@PathVariable UUID id, @Valid @RequestBody PlanRequest request) {
        MembershipPlan plan =
                plans.findById(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "plan-not-found", id));
        if (request.version() == null || request.version() != plan.version()) {
            throw new ObjectOptimisticLockingFailureException(MembershipPlan.class, id);
        }
        plan.change(request);
        return plans.saveAndFlush(plan).view();
    }
}
