package org.creativelabs.core.tenancy;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Finds a hosted lab by id, for internal (service-to-service) work that addresses labs by id, not slug. */
@Component
public class LabDirectory {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LabDirectory.class);

    private final TenantCatalog catalog;

    LabDirectory(TenantCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Background work, once per lab that serves: each run is bound to its own lab (its own role and schema), one lab at
     * a time, so nothing crosses from one lab to another; one lab's failure is logged and the others still run.
     * Returns how many labs the work ran for.
     */
    public int forEachServingLab(String job, Runnable work) {
        int ran = 0;
        for (CatalogEntry entry : catalog.findAll()) {
            if (!entry.serving()) {
                continue;
            }
            try {
                TenantContext.runAs(entry.lab(), work);
                ran++;
            } catch (RuntimeException e) {
                log.warn("{} failed for lab {}: {}", job, entry.lab().slug(), e.toString());
            }
        }
        return ran;
    }

    /** The lab the current request (or bound background work) is for, if any. */
    public Optional<Lab> current() {
        return TenantContext.current();
    }

    /** Runs work bound to the lab with this id (serving or not): internal, service-to-service calls address labs by id. */
    public <T> T inLab(UUID labId, Supplier<T> work) {
        return TenantContext.callAs(byId(labId), work);
    }

    /** The lab, whether serving or not (provisioning seats the first admin before the lab goes live). */
    public Lab byId(UUID labId) {
        return catalog.findById(labId)
                .map(CatalogEntry::lab)
                .orElseThrow(() -> new LabNotFoundException(labId.toString()));
    }
}
