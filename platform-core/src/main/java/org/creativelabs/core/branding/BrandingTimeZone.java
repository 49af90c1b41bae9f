package org.creativelabs.core.branding;

import java.time.ZoneId;
import org.creativelabs.core.tenancy.LabTimeZone;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The lab's time zone is part of its branding, set by its lab admin. */
@Component
class BrandingTimeZone implements LabTimeZone {

    private final BrandingRepository branding;

    BrandingTimeZone(BrandingRepository branding) {
        this.branding = branding;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public ZoneId current() {
        return branding.current().zone();
    }
}
