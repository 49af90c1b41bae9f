package org.creativelabs.core.portal;

import java.time.ZoneId;

/** The lab's look on its pages: its name, colours, logo, contacts, default language and clock (its branding). */
public interface LabLook {

    /** Read in the current lab's transaction. */
    Look current();

    record Look(
            String name,
            String primaryColor,
            String accentColor,
            String defaultLanguage,
            ZoneId zone,
            String contactEmail,
            String contactPhone,
            String address,
            boolean hasLogo,
            long version) {}
}
