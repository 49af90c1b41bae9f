package org.creativelabs.core.members.privacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;
import org.creativelabs.indicators.Indicator;

/**
 * Optional, sensitive parts of a profile, kept only under a recorded consent that covers them. They feed anonymous
 * indicators; staff never see them per person. Closed lists where the indicator needs them; the district is free text.
 */
public enum SensitiveField {
    @JsonProperty("gender")
    GENDER("gender", Set.copyOf(Indicator.Dimension.GENDER.answers())),
    /** UNDP's youth bands, those the indicators count residents in. */
    @JsonProperty("age-band")
    AGE_BAND("age-band", Set.copyOf(Indicator.Dimension.AGE_BAND.answers())),
    @JsonProperty("disability")
    DISABILITY("disability", Set.of("yes", "no", "prefer-not-to-say")),
    @JsonProperty("district")
    DISTRICT("district", Set.of()),
    @JsonProperty("income")
    INCOME("income", Set.of("no-income", "under-15000-kgs", "15000-40000-kgs", "over-40000-kgs", "prefer-not-to-say"));

    private final String value;
    private final Set<String> allowed;

    SensitiveField(String value, Set<String> allowed) {
        this.value = value;
        this.allowed = allowed;
    }

    String value() {
        return value;
    }

    /** Whether {@code candidate} is an answer this field takes (any text of 1 to 100 characters for the district). */
    boolean accepts(String candidate) {
        return allowed.isEmpty() ? !candidate.isBlank() && candidate.length() <= 100 : allowed.contains(candidate);
    }

    Set<String> allowed() {
        return allowed;
    }

    static SensitiveField of(String value) {
        for (SensitiveField field : values()) {
            if (field.value.equals(value)) {
                return field;
            }
        }
        throw new IllegalArgumentException("Unknown sensitive field " + value);
    }
}
