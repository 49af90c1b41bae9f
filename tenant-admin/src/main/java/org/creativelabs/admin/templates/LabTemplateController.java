package org.creativelabs.admin.templates;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.admin.audit.PlatformAudit;
import org.creativelabs.admin.indicators.Targets;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lab-in-a-box templates, kept by tenant-admin: captured from an existing lab (its structure only; platform-core never
 * puts people or personal data into a template) and named, so a coordinator opens a new lab with
 * {@code "template": "<name>"}.
 */
@RestController
@Tag(name = "templates", description = "Lab-in-a-box templates")
class LabTemplateController {

    record Capture(
            @NotBlank @Size(max = 30) String fromLab,
            @Size(max = 500) String description) {}

    record Template(
            String name,
            String description,
            JsonNode content,
            UUID capturedFrom,
            String updatedBy,
            Instant updatedAt) {}

    private final JdbcTemplate jdbc;
    private final PlatformCore platformCore;
    private final LabRegistry registry;
    private final PlatformAudit audit;
    private final JsonMapper json;
    private final Targets targets;

    LabTemplateController(
            JdbcTemplate jdbc,
            PlatformCore platformCore,
            PlatformAudit audit,
            JsonMapper json,
            LabRegistry registry,
            Targets targets) {
        this.targets = targets;
        this.registry = registry;
        this.jdbc = jdbc;
        this.platformCore = platformCore;
        this.audit = audit;
        this.json = json;
    }

    @PutMapping("/api/templates/{name}")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(summary = "Capture (or capture again) a template from an active lab's structure")
    Template capture(@PathVariable String name, @Valid @RequestBody Capture request, Authentication caller) {
        if (!name.matches("^[a-z][a-z0-9-]{1,59}$")) {
            throw Problems.exception(
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "name: a template name has lowercase letters, digits and hyphens (2 to 60).",
                    Map.of("field", "name"));
        }
        UUID source = registry.active(request.fromLab())
                .map(LabRegistry.RegisteredLab::id)
                .orElseThrow(() -> Problems.exception(
                        HttpStatus.BAD_REQUEST,
                        "invalid-request",
                        "fromLab: there is no active lab \"" + request.fromLab() + "\".",
                        Map.of("field", "fromLab")));
        JsonNode content = platformCore.captureTemplate(source);
        // The lab's own targets for this year travel with its structure (indicators without one keep the defaults).
        tools.jackson.databind.node.ObjectNode carried =
                ((tools.jackson.databind.node.ObjectNode) content).putObject("targets");
        targets.explicit(
                        source,
                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Bishkek"))
                                .getYear())
                .forEach(carried::put);
        jdbc.update("""
                INSERT INTO lab_template (name, description, content, captured_from, updated_by) VALUES (?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (name) DO UPDATE SET description = excluded.description, content = excluded.content,
                  captured_from = excluded.captured_from, updated_by = excluded.updated_by, updated_at = now()""", name, request.description(), json.writeValueAsString(content), source, caller.getName());
        audit.record(caller.getName(), "TEMPLATE_CAPTURED", source, Map.of("template", name));
        return find(name);
    }

    @GetMapping("/api/templates")
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    List<Template> list() {
        return jdbc.query(
                "SELECT name, description, content::text, captured_from, updated_by, updated_at FROM lab_template ORDER BY name",
                (rs, row) -> new Template(
                        rs.getString(1),
                        rs.getString(2),
                        json.readTree(rs.getString(3)),
                        rs.getObject(4, UUID.class),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()));
    }

    @GetMapping("/api/templates/{name}")
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    Template find(@PathVariable String name) {
        return list().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> Problems.exception(
                        HttpStatus.NOT_FOUND, "template-not-found", "There is no template \"" + name + "\"."));
    }
}
