package org.creativelabs.admin.registry;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The lab registry as coordinators and UNDP see it ({@link LabRegistry}). */
@RestController
@RequestMapping("/api/registry/labs")
@Tag(name = "registry", description = "Regional labs and their lifecycle")
class LabRegistryController {

    record RegistryEntry(
            UUID id, String slug, String displayName, String region, LabStatus status, Instant createdAt) {}

    private final LabRegistry registry;

    LabRegistryController(LabRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    List<RegistryEntry> list() {
        return registry.all().stream()
                .map(lab -> new RegistryEntry(
                        lab.id(), lab.slug(), lab.displayName(), lab.region(), lab.status(), lab.createdAt()))
                .toList();
    }
}
