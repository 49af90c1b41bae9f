package org.creativelabs.core.tenancy;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** Finds a hosted lab by id, for internal (service-to-service) work that addresses labs by id, not slug. */
@Component
public class LabDirectory {

    private final TenantCatalog catalog;

    LabDirectory(TenantCatalog catalog) {
        this.catalog = catalog;
    }

    /** The lab, whether serving or not (provisioning seats the first admin before the lab goes live). */
    public Lab byId(UUID labId) {
        return catalog.findById(labId).map(CatalogEntry::lab).orElseThrow(() -> new LabNotFoundException(labId.toString()));
    }
}
