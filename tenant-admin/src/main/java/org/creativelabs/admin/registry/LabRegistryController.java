package org.creativelabs.admin.registry;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The lab registry as coordinators and UNDP see it. Provisioning (the provisioning issue) writes it. */
@RestController
@RequestMapping("/api/registry/labs")
@Tag(name = "registry", description = "Regional labs and their lifecycle")
class LabRegistryController {

    record RegisteredLab(UUID id, String slug, String displayName, String region, String status, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;

    LabRegistryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    List<RegisteredLab> list() {
        return jdbc.query("SELECT id, slug, display_name, region, status, created_at FROM lab ORDER BY slug",
                (rs, row) -> new RegisteredLab(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("display_name"), rs.getString("region"), rs.getString("status"),
                        rs.getTimestamp("created_at").toInstant()));
    }
}
