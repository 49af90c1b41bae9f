package org.creativelabs.admin.registry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.creativelabs.admin.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway asks whether a lab exists and serves before it routes a request for it (its own client-credentials
 * token, role lab-router); it caches the answer for a few seconds. A deleted lab is unknown; one being provisioned,
 * suspended or archived exists but does not serve. Nothing about the lab but its state.
 */
@RestController
@Tag(name = "internal", description = "Service to service")
class LabRoutingController {

    record Route(UUID id, String slug, boolean serving) {}

    private final LabRegistry registry;

    LabRoutingController(LabRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/internal/registry/labs/{slug}")
    @PreAuthorize("hasRole('lab-router')")
    @Operation(summary = "Whether a lab exists and serves (the gateway's routing check)")
    Route route(@PathVariable String slug) {
        return registry.bySlug(slug)
                .filter(lab -> lab.status() != LabStatus.DELETED)
                .map(lab -> new Route(lab.id(), lab.slug(), lab.status() == LabStatus.ACTIVE))
                .orElseThrow(() ->
                        Problems.exception(HttpStatus.NOT_FOUND, "lab-not-found", "There is no lab " + slug + "."));
    }
}
