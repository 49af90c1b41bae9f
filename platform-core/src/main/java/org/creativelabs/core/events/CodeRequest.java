package org.creativelabs.core.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A registration's check-in code: whoever holds it may look it up, cancel it or claim its offered seat. */
record CodeRequest(@NotBlank @Size(max = 200) String code) {}
