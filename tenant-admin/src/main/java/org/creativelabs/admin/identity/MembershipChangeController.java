package org.creativelabs.admin.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.creativelabs.admin.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** platform-core reports that a lab's memberships changed (its own client-credentials token, role membership-reporter). */
@RestController
@Tag(name = "internal", description = "Service to service")
class MembershipChangeController {

    private final OrganizationMirror mirror;

    MembershipChangeController(OrganizationMirror mirror) {
        this.mirror = mirror;
    }

    @PostMapping("/internal/labs/{labId}/membership-changed")
    @PreAuthorize("hasRole('membership-reporter')")
    @Operation(summary = "Mirror the lab's memberships into its Keycloak organization now")
    ResponseEntity<Void> changed(@PathVariable UUID labId) {
        if (!mirror.mirrorLab(labId)) {
            throw Problems.exception(HttpStatus.NOT_FOUND, "lab-not-found", "There is no active lab " + labId + ".");
        }
        return ResponseEntity.noContent().build();
    }
}
