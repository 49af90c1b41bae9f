package org.creativelabs.core.spaces;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A space as a client sends it; {@code version} is required when updating (optimistic locking). */
record SpaceRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull SpaceKind kind,
        @NotNull @Min(1) @Max(500) Integer capacity,
        @Size(max = 2000) String description,
        Long version) {
}
