package org.creativelabs.core.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An event format as staff send it, and as a template carries it. */
record EventFormatRequest(
        @NotBlank @Size(max = 120) String name,
        @Size(max = 2000) String description,
        @NotNull @Min(15) @Max(1440) Integer durationMinutes,
        @NotNull @Min(1) @Max(10000) Integer capacity,
        @Min(1) @Max(20) Integer maxGroupSize) {

    int maxGroupSizeOrDefault() {
        return maxGroupSize == null ? 5 : maxGroupSize;
    }
}
