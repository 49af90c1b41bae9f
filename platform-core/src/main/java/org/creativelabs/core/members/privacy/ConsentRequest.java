package org.creativelabs.core.members.privacy;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.Set;

/**
 * Consent to keep these sensitive fields, with their values: every field consented to has a value it accepts, and
 * no value comes without consent.
 */
record ConsentRequest(
        @NotEmpty Set<SensitiveField> fields, @NotNull Map<SensitiveField, String> values) {

    @AssertTrue(message = "must hold one accepted value for each consented field, and nothing else") boolean isValues() {
        if (fields == null || values == null) {
            return true;
        }
        return values.keySet().equals(fields)
                && values.entrySet().stream()
                        .allMatch(e -> e.getValue() != null && e.getKey().accepts(e.getValue()));
    }
}
