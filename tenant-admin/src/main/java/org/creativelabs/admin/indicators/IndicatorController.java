package org.creativelabs.admin.indicators;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.admin.audit.PlatformAudit;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.registry.LabRegistry.RegisteredLab;
import org.creativelabs.admin.web.Problems;
import org.creativelabs.indicators.Fact;
import org.creativelabs.indicators.Indicator;
import org.creativelabs.indicators.IndicatorReport;
import org.creativelabs.realm.LabSlugs;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * UNDP's cross-region view, read only from the read model (never from a lab's schema): regions side by side against
 * their targets, one lab's indicators, the same as CSV; every count of people suppressed by the same rules before it
 * leaves. Coordinators also set a lab's targets and rebuild a lab's indicators from its own data.
 */
@RestController
@RequestMapping("/api/indicators")
@Tag(name = "indicators", description = "Privacy-safe indicators across regions, against targets")
class IndicatorController {

    private static final ZoneId KYRGYZSTAN = ZoneId.of("Asia/Bishkek");

    record RegionIndicators(String region, int labs, List<IndicatorReport> indicators) {}

    record Regions(int year, List<RegionIndicators> regions) {}

    record LabIndicators(int year, String lab, String displayName, String region, List<IndicatorReport> indicators) {}

    record TargetRequest(
            @NotNull @Min(0) @Max(1_000_000_000) Long target) {}

    private final IndicatorReadModel readModel;
    private final Targets targets;
    private final LabRegistry registry;
    private final PlatformCore platformCore;
    private final PlatformAudit audit;
    private final IndicatorCsv csv;

    IndicatorController(
            IndicatorReadModel readModel,
            Targets targets,
            LabRegistry registry,
            PlatformCore platformCore,
            PlatformAudit audit,
            IndicatorCsv csv) {
        this.readModel = readModel;
        this.targets = targets;
        this.registry = registry;
        this.platformCore = platformCore;
        this.audit = audit;
        this.csv = csv;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    @Operation(summary = "Every region side by side for a year (this year by default), against its targets")
    Regions regions(@RequestParam(required = false) @Min(2000) @Max(2100) Integer year) {
        int shown = yearOr(year);
        Map<String, Map<String, Long>> regionTargets = targets.byRegion(shown);
        Map<String, Map<Indicator, IndicatorReport.Counts>> counts = readModel.regionCounts(shown);
        List<RegionIndicators> regions = new ArrayList<>();
        readModel.regions().forEach((region, labs) -> {
            Map<String, Long> regionTarget = regionTargets.getOrDefault(region, Map.of());
            regions.add(new RegionIndicators(
                    region,
                    labs,
                    Arrays.stream(Indicator.values())
                            .map(indicator -> IndicatorReport.of(
                                    counts.getOrDefault(region, Map.of())
                                            .getOrDefault(
                                                    indicator,
                                                    IndicatorReport.Counts.ofRollups(
                                                            indicator, shown, new long[12], 0, List.of())),
                                    regionTarget.get(indicator.id())))
                            .toList()));
        });
        return new Regions(shown, regions);
    }

    @GetMapping("/labs/{slug}")
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    @Operation(summary = "One lab's indicators for a year, against its targets")
    LabIndicators lab(@PathVariable String slug, @RequestParam(required = false) @Min(2000) @Max(2100) Integer year) {
        int shown = yearOr(year);
        RegisteredLab lab = labOf(slug);
        // The lab's region shows the sum of its labs: each figure is protected against its siblings' too.
        Map<UUID, List<Fact>> siblings = new java.util.LinkedHashMap<>(readModel.factsOfLabsIn(lab.region()));
        siblings.putIfAbsent(lab.id(), List.of());
        List<UUID> order = new ArrayList<>(siblings.keySet());
        int which = order.indexOf(lab.id());
        Map<String, Long> labTargets = targets.ofLab(lab.id(), shown);
        List<IndicatorReport> reports = Arrays.stream(Indicator.values())
                .map(indicator -> IndicatorReport.amongSiblings(
                        order.stream()
                                .map(id -> IndicatorReport.Counts.of(indicator, shown, siblings.get(id)))
                                .toList(),
                        which,
                        labTargets.get(indicator.id())))
                .toList();
        return new LabIndicators(shown, lab.slug(), lab.displayName(), lab.region(), reports);
    }

    @GetMapping("/csv")
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    @Operation(summary = "Regions side by side (or one lab, with ?lab=) as CSV, suppressed exactly as the JSON is")
    ResponseEntity<String> csv(
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
            @RequestParam(required = false) String lab) {
        int shown = yearOr(year);
        String body;
        String name;
        if (lab == null) {
            body = csv.write(regions(Integer.valueOf(shown)).regions().stream()
                    .map(r -> new IndicatorCsv.Scope(r.region(), "", r.indicators()))
                    .toList());
            name = "indicators-regions-" + shown + ".csv";
        } else {
            LabIndicators one = lab(lab, shown);
            body = csv.write(List.of(new IndicatorCsv.Scope(one.region(), one.lab(), one.indicators())));
            name = "indicators-" + one.lab() + "-" + shown + ".csv";
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8")
                .body(body);
    }

    @PutMapping("/labs/{slug}/targets/{indicator}/{year}")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(summary = "Set a lab's target for an indicator and year")
    LabIndicators setTarget(
            @PathVariable String slug,
            @PathVariable String indicator,
            @PathVariable @Min(2000) @Max(2100) int year,
            @Valid @RequestBody TargetRequest request,
            Authentication caller) {
        RegisteredLab lab = labOf(slug);
        Indicator known = Indicator.byId(indicator)
                .filter(i -> i.defaultTarget().isPresent())
                .orElseThrow(() -> Problems.exception(
                        HttpStatus.BAD_REQUEST,
                        "invalid-request",
                        "indicator: " + indicator + " is not an indicator with targets (those are "
                                + Arrays.stream(Indicator.values())
                                        .filter(i -> i.defaultTarget().isPresent())
                                        .map(Indicator::id)
                                        .toList()
                                + ").",
                        Map.of("field", "indicator")));
        targets.set(lab.id(), known, year, request.target());
        audit.record(
                caller.getName(),
                "TARGET_SET",
                lab.id(),
                Map.of("indicator", known.id(), "year", year, "target", request.target()));
        return lab(slug, year);
    }

    @PostMapping("/labs/{slug}/rebuild")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(
            summary = "Rebuild a lab's indicators from its own data; says whether they equalled the incremental ones")
    IndicatorReadModel.Rebuilt rebuild(@PathVariable String slug, Authentication caller) {
        RegisteredLab lab = labOf(slug);
        JsonNode totals = platformCore.indicatorTotals(lab.id());
        List<Fact> facts = new ArrayList<>();
        totals.get("totals")
                .forEach(t -> facts.add(new Fact(
                        t.get("indicator").asString(),
                        LocalDate.parse(t.get("period").asString()),
                        t.get("gender").asString(),
                        t.get("ageBand").asString(),
                        t.get("value").asLong())));
        IndicatorReadModel.Rebuilt rebuilt = readModel.rebuild(
                lab.id(), lab.region(), totals.get("throughSeq").asLong(), facts);
        audit.record(
                caller.getName(),
                "INDICATORS_REBUILT",
                lab.id(),
                Map.of("matched", rebuilt.matched(), "throughSeq", rebuilt.throughSeq()));
        return rebuilt;
    }

    private RegisteredLab labOf(String slug) {
        if (LabSlugs.reasonAgainst(slug) != null) {
            throw Problems.exception(
                    HttpStatus.NOT_FOUND, "lab-not-found", "There is no lab with that name; lab names are like osh.");
        }
        return registry.bySlug(slug)
                .orElseThrow(() ->
                        Problems.exception(HttpStatus.NOT_FOUND, "lab-not-found", "There is no lab " + slug + "."));
    }

    private static int yearOr(Integer year) {
        return year == null ? LocalDate.now(KYRGYZSTAN).getYear() : year;
    }
}
