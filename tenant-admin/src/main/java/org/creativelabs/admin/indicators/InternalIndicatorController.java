package org.creativelabs.admin.indicators;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.creativelabs.admin.registry.LabRegistry;
import org.creativelabs.admin.web.Problems;
import org.creativelabs.indicators.Indicator;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Where platform-core's relay delivers each lab's indicator outbox. */
@RestController
@Tag(name = "internal", description = "Service to service")
class InternalIndicatorController {

    record Delivery(@NotNull @Size(max = 10_000) List<IndicatorReadModel.@NotNull Entry> entries) {}

    record Applied(long appliedSeq) {}

    private final LabRegistry registry;
    private final IndicatorReadModel readModel;

    InternalIndicatorController(LabRegistry registry, IndicatorReadModel readModel) {
        this.registry = registry;
        this.readModel = readModel;
    }

    @PostMapping("/internal/indicators/labs/{labId}")
    @PreAuthorize("hasRole('indicator-reporter')")
    @Operation(summary = "Apply a lab's outbox entries once each, in order; answers the number applied through")
    Applied deliver(@PathVariable UUID labId, @Valid @RequestBody Delivery delivery) {
        var lab = registry.byId(labId)
                .orElseThrow(() ->
                        Problems.exception(HttpStatus.NOT_FOUND, "lab-not-found", "There is no lab " + labId + "."));
        delivery.entries().forEach(InternalIndicatorController::check);
        return new Applied(readModel.apply(labId, lab.region(), delivery.entries()));
    }

    /** Only the catalog's indicators and categories are taken: an entry is an aggregate or it is refused whole. */
    private static void check(IndicatorReadModel.Entry entry) {
        boolean known = Indicator.byId(entry.indicator()).isPresent()
                && entry.period() != null
                && entry.period().getDayOfMonth() == 1
                && (entry.gender().isEmpty()
                        || Indicator.Dimension.GENDER.categories().contains(entry.gender()))
                && (entry.ageBand().isEmpty()
                        || Indicator.Dimension.AGE_BAND.categories().contains(entry.ageBand()));
        if (!known) {
            throw Problems.exception(
                    HttpStatus.BAD_REQUEST,
                    "invalid-indicator-entry",
                    "Entry " + entry.seq()
                            + " is not an indicator of the catalog with its categories; nothing was applied.");
        }
    }
}
