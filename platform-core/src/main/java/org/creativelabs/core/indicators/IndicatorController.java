package org.creativelabs.core.indicators;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.creativelabs.core.tenancy.LabTimeZone;
import org.creativelabs.indicators.Fact;
import org.creativelabs.indicators.Indicator;
import org.creativelabs.indicators.IndicatorReport;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lab's own indicators for its staff, from its own outbox and protected exactly as UNDP's view of them is (the same
 * report, the same suppression): staff see how their lab does without seeing anyone in it.
 */
@RestController
@RequestMapping("/api/labs/{slug}/indicators")
@Tag(name = "indicators", description = "The lab's own indicators, as UNDP sees them")
class IndicatorController {

    record LabIndicators(int year, List<IndicatorReport> indicators) {}

    private final IndicatorOutbox outbox;
    private final LabTimeZone zone;

    IndicatorController(IndicatorOutbox outbox, LabTimeZone zone) {
        this.outbox = outbox;
        this.zone = zone;
    }

    @GetMapping
    @PreAuthorize("@labAccess.hasAnyRole('lab-admin', 'staff')")
    @Transactional(readOnly = true)
    @Operation(summary = "Every indicator of the lab for a year (this year by default), small counts suppressed")
    LabIndicators indicators(@RequestParam(required = false) @Min(2000) @Max(2100) Integer year) {
        int shown = year == null ? LocalDate.now(zone.current()).getYear() : year;
        List<Fact> facts = outbox.totals(outbox.lastSeq());
        return new LabIndicators(
                shown,
                Arrays.stream(Indicator.values())
                        .map(indicator -> IndicatorReport.of(indicator, shown, facts, null))
                        .toList());
    }
}
