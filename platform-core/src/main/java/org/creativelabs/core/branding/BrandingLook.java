package org.creativelabs.core.branding;

import org.creativelabs.core.portal.LabLook;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The portal's pages wear the lab's branding. */
@Component
class BrandingLook implements LabLook {

    private final BrandingRepository branding;

    BrandingLook(BrandingRepository branding) {
        this.branding = branding;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Look current() {
        return branding.current().look();
    }
}
