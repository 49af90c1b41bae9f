package org.creativelabs.admin.indicators;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.creativelabs.admin.audit.PlatformAudit;
import org.creativelabs.admin.platformcore.PlatformCore;
import org.creativelabs.admin.registry.LabRegistry.RegisteredLab;
import org.creativelabs.admin.web.Problems;
import org.creativelabs.indicators.Fact;
import org.creativelabs.indicators.Indicator;
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

    record TargetRequest(
            @NotNull @Min(0) @Max(1_000_000_000) Long target) {}

    private final IndicatorViews views;
    private final IndicatorReadModel readModel;
    private final Targets targets;
    private final PlatformCore platformCore;
    private final PlatformAudit audit;
    private final IndicatorCsv csv;

    IndicatorController(
            IndicatorViews views,
            IndicatorReadModel readModel,
            Targets targets,
            PlatformCore platformCore,
            PlatformAudit audit,
            IndicatorCsv csv) {
        this.views = views;
        this.readModel = readModel;
        this.targets = targets;
        this.platformCore = platformCore;
        this.audit = audit;
        this.csv = csv;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    @Operation(summary = "Every region side by side for a year (this year by default), against its targets")
    IndicatorViews.Regions regions(@RequestParam(required = false) @Min(2000) @Max(2100) Integer year) {
        return views.regions(IndicatorViews.yearOr(year));
    }

    @GetMapping("/labs/{slug}")
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    @Operation(summary = "One lab's indicators for a year, against its targets")
    IndicatorViews.LabIndicators lab(
            @PathVariable String slug, @RequestParam(required = false) @Min(2000) @Max(2100) Integer year) {
        return views.lab(views.labOf(slug), IndicatorViews.yearOr(year));
    }

    @GetMapping("/csv")
    @PreAuthorize("hasAnyRole('platform-coordinator', 'undp-viewer')")
    @Operation(summary = "Regions side by side (or one lab, with ?lab=) as CSV, suppressed exactly as the JSON is")
    ResponseEntity<String> csv(
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
            @RequestParam(required = false) String lab) {
        int shown = IndicatorViews.yearOr(year);
        String body;
        String name;
        if (lab == null) {
            body = csv.write(views.regions(shown).regions().stream()
                    .map(r -> new IndicatorCsv.Scope(r.region(), "", r.indicators()))
                    .toList());
            name = "indicators-regions-" + shown + ".csv";
        } else {
            IndicatorViews.LabIndicators one = views.lab(views.labOf(lab), shown);
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
    IndicatorViews.LabIndicators setTarget(
            @PathVariable String slug,
            @PathVariable String indicator,
            @PathVariable @Min(2000) @Max(2100) int year,
            @Valid @RequestBody TargetRequest request,
            Authentication caller) {
        RegisteredLab lab = views.labOf(slug);
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
        return views.lab(lab, year);
    }

    @PostMapping("/labs/{slug}/rebuild")
    @PreAuthorize("hasRole('platform-coordinator')")
    @Operation(
            summary = "Rebuild a lab's indicators from its own data; says whether they equalled the incremental ones")
    IndicatorReadModel.Rebuilt rebuild(@PathVariable String slug, Authentication caller) {
        RegisteredLab lab = views.labOf(slug);
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
}
