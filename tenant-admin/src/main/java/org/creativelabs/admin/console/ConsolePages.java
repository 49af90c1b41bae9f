package org.creativelabs.admin.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.admin.audit.PlatformAudit;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.registry.LabRegistry.RegisteredLab;
import org.creativelabs.admin.registry.LabStatus;
import org.creativelabs.indicators.Indicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.JsonNode;

/**
 * The national coordinators' console: every lab with its status, region and schema, the form that opens a lab (its
 * progress follows live), each lab's lifecycle actions, fleet migration, templates, targets and the platform audit
 * log. The page reads here; every change goes through the same API as any client ({@code /api/**}, with the
 * gateway's CSRF token and an Idempotency-Key), so a page can do nothing the API would refuse.
 */
@Controller
class ConsolePages {

    private static final Logger log = LoggerFactory.getLogger(ConsolePages.class);
    private static final ZoneId KYRGYZSTAN = ZoneId.of("Asia/Bishkek");

    /** A lab as its row in the console shows it; schema fields are null when platform-core could not be asked. */
    record LabRow(
            String slug,
            String name,
            String region,
            LabStatus status,
            String schemaVersion,
            String migrationStatus,
            String migratedAt,
            UUID exportId) {

        public boolean canSuspend() {
            return status == LabStatus.ACTIVE;
        }

        public boolean canResume() {
            return status == LabStatus.SUSPENDED;
        }

        public boolean canArchive() {
            return status == LabStatus.ACTIVE || status == LabStatus.SUSPENDED;
        }

        public boolean canDelete() {
            return status == LabStatus.ARCHIVED;
        }
    }

    private final LabRegistry registry;
    private final PlatformCore platformCore;
    private final PlatformAudit audit;
    private final JdbcTemplate jdbc;

    ConsolePages(LabRegistry registry, PlatformCore platformCore, PlatformAudit audit, JdbcTemplate jdbc) {
        this.registry = registry;
        this.platformCore = platformCore;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @GetMapping({"/console", "/console/"})
    String console(Model model, jakarta.servlet.http.HttpServletResponse response) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        Map<UUID, JsonNode> schemas = schemas();
        Map<UUID, UUID> exports = new HashMap<>();
        jdbc.query(
                "SELECT DISTINCT ON (lab_id) lab_id, export_id FROM lab_export ORDER BY lab_id, created_at DESC",
                rs -> {
                    exports.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                });
        List<LabRow> labs = registry.all().stream()
                .filter(lab -> lab.status() != LabStatus.DELETED || exports.containsKey(lab.id()))
                .map(lab -> row(lab, schemas.get(lab.id()), exports.get(lab.id())))
                .toList();
        model.addAttribute("labs", labs);
        model.addAttribute("coordinator", true);
        model.addAttribute("schemasKnown", !schemas.isEmpty() || labs.isEmpty());
        model.addAttribute(
                "regions", labs.stream().map(LabRow::region).distinct().sorted().toList());
        model.addAttribute("templates", jdbc.queryForList("SELECT name FROM lab_template ORDER BY name", String.class));
        model.addAttribute(
                "targeted",
                Arrays.stream(Indicator.values())
                        .filter(i -> i.defaultTarget().isPresent())
                        .map(Indicator::id)
                        .toList());
        model.addAttribute("thisYear", LocalDate.now(KYRGYZSTAN).getYear());
        model.addAttribute(
                "audit",
                audit.recent(30).stream()
                        .map(e -> new AuditRow(local(e.at()), e.actor(), e.action(), e.detail()))
                        .toList());
        // One key per rendering of the form: a double submission opens one lab, not two.
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "console";
    }

    /** An audit entry as listed, its time in Kyrgyzstan's. */
    record AuditRow(String at, String actor, String action, String detail) {}

    private static final java.time.format.DateTimeFormatter MINUTES =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static String local(Instant at) {
        return MINUTES.format(at.atZone(KYRGYZSTAN));
    }

    private static LabRow row(RegisteredLab lab, JsonNode schema, UUID export) {
        return new LabRow(
                lab.slug(),
                lab.displayName(),
                lab.region(),
                lab.status(),
                schema == null ? null : text(schema, "schemaVersion"),
                schema == null ? null : text(schema, "migrationStatus"),
                schema == null || text(schema, "migratedAt") == null
                        ? null
                        : local(Instant.parse(text(schema, "migratedAt"))),
                export);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** platform-core's catalog by lab; empty when it cannot be reached (the console still lists the registry). */
    private Map<UUID, JsonNode> schemas() {
        Map<UUID, JsonNode> byLab = new HashMap<>();
        try {
            platformCore
                    .tenants()
                    .forEach(t -> byLab.put(UUID.fromString(t.get("labId").asString()), t));
        } catch (RuntimeException unreachable) {
            log.warn(
                    "The console lists labs without their schemas: platform-core did not answer ({})",
                    unreachable.getMessage());
        }
        return byLab;
    }
}
