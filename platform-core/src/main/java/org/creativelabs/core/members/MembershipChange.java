package org.creativelabs.core.members;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Set;
import java.util.UUID;

/**
 * New roles, plan or deactivation; {@code version} is the one the client read (optimistic locking). No
 * {@code planId} means no plan (bookings without allowance).
 */
record MembershipChange(
        @NotEmpty Set<LabRole> roles,
        @NotNull Boolean active,
        UUID planId,
        @NotNull Long version) {}
