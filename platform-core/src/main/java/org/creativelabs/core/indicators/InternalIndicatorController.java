package org.creativelabs.core.indicators;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.creativelabs.core.tenancy.LabDirectory;
import org.creativelabs.indicators.Fact;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A lab's indicator totals rebuilt from its own outbox, for tenant-admin's rebuild of its read model (a coordinator's action). */
@RestController
@RequestMapping("/internal/tenants/{labId}/indicators")
@Tag(name = "internal-tenants")
class InternalIndicatorController {

    /** Every fact numbered up to {@code throughSeq}, totalled. */
    record Totals(long throughSeq, List<Fact> totals) {}

    private final LabDirectory labs;
    private final IndicatorOutbox outbox;
    private final TransactionTemplate snapshot;

    InternalIndicatorController(LabDirectory labs, IndicatorOutbox outbox, PlatformTransactionManager transactions) {
        this.labs = labs;
        this.outbox = outbox;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @GetMapping("/totals")
    @Operation(summary = "The lab's indicator totals from its own outbox, and the entry number they run through")
    Totals totals(@PathVariable UUID labId) {
        return labs.inLab(
                labId,
                () -> snapshot.execute(status -> {
                    long through = outbox.lastSeq();
                    return new Totals(through, outbox.totals(through));
                }));
    }
}
