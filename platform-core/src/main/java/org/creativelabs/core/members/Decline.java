package org.creativelabs.core.members;

import jakarta.validation.constraints.NotNull;

/** Declining an application; {@code version} is the one the staff member read. */
record Decline(@NotNull Long version) {}
