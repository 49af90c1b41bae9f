package org.creativelabs.core.tenancy;

import java.time.ZoneId;

/**
 * The current lab's own time zone, in which opening hours and monthly allowances are counted. Branding keeps it (a
 * lab admin sets it); features read it through this interface without depending on branding.
 */
public interface LabTimeZone {

    /** The zone of the lab bound to the current transaction. */
    ZoneId current();
}
