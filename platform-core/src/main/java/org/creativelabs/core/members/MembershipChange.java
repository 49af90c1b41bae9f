package org.creativelabs.core.members;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/** New roles or deactivation; {@code version} is the one the client read (optimistic locking). */
record MembershipChange(@NotEmpty Set<LabRole> roles, @NotNull Boolean active, @NotNull Long version) {
}
