package org.creativelabs.admin.provisioning;

import java.util.UUID;

/**
 * Called before each provisioning step runs. There is no implementation in the application; tests provide one to make
 * a chosen step fail (an unreachable service, a database error) and check that nothing is left half-done.
 */
interface StepFaults {

    void before(ProvisioningStep step, UUID labId);
}
