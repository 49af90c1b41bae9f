package org.creativelabs.core.members;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.tenancy.LabDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service to service (platform-provisioner only): tenant-admin's provisioning seats a lab's first admin here, before
 * the lab serves. Repeating the call sets the same roles again.
 */
@RestController
class InternalMembershipController {

    private final LabDirectory labs;
    private final MembershipRepository memberships;
    private final TransactionTemplate transactions;
    private final MembershipReports reports;

    InternalMembershipController(
            LabDirectory labs,
            MembershipRepository memberships,
            PlatformTransactionManager transactions,
            MembershipReports reports) {
        this.labs = labs;
        this.memberships = memberships;
        this.reports = reports;
        this.transactions = new TransactionTemplate(transactions);
    }

    @GetMapping("/internal/tenants/{labId}/members")
    @Operation(
            summary = "The subjects with an active, approved membership (tenant-admin mirrors them into the lab's "
                    + "organization; applicants join it when staff approve them)")
    List<String> activeSubjects(@PathVariable UUID labId) {
        return labs.inLab(
                labId,
                () -> transactions.execute(status -> memberships.findAll().stream()
                        .filter(Membership::approvedMember)
                        .map(Membership::subject)
                        .sorted()
                        .toList()));
    }

    @PostMapping("/internal/tenants/{labId}/members")
    @Operation(summary = "Give a person roles in a lab (creates or updates the membership)")
    ResponseEntity<MembershipView> seat(@PathVariable UUID labId, @Valid @RequestBody MembershipRequest request) {
        return labs.inLab(
                labId,
                () -> transactions.execute(status -> {
                    var existing = memberships.findBySubject(request.subject());
                    Membership membership = existing.orElseGet(
                            () -> new Membership(request.subject(), EnumSet.copyOf(request.roles())));
                    membership.change(EnumSet.copyOf(request.roles()), true);
                    MembershipView view = memberships.saveAndFlush(membership).view();
                    reports.changed();
                    return ResponseEntity.status(existing.isPresent() ? HttpStatus.OK : HttpStatus.CREATED)
                            .body(view);
                }));
    }
}
