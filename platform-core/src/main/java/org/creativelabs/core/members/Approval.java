package org.creativelabs.core.members;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.Set;

/** The roles an approved applicant receives; staff grant people roles, never staff or admin duties. */
record Approval(@NotEmpty Set<LabRole> roles, @NotNull Long version) {

    private static final Set<LabRole> GRANTABLE = EnumSet.of(LabRole.RESIDENT, LabRole.MENTOR, LabRole.NETWORK_MEMBER);

    @AssertTrue(message = "may only be resident, mentor or network-member") boolean isRoles() {
        return roles == null || GRANTABLE.containsAll(roles);
    }
}
