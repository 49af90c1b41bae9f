package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabSlugTests {

    @ParameterizedTest
    @ValueSource(
            strings = {"osh", "jalal-abad", "batken", "at-bashy", "kochkor2", "ab", "a23456789012345678901234567890"})
    void acceptsUrlFriendlyNames(String slug) {
        assertThat(new LabSlug(slug).value()).isEqualTo(slug);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a",
                "Osh",
                "osh'",
                "osh\"",
                "osh;drop",
                "o sh",
                "ош",
                "osh-",
                "os--h",
                "-osh",
                "1osh",
                "osh_lab",
                "admin",
                "api",
                "internal",
                "www",
                "auth",
                "a234567890123456789012345678901"
            })
    void rejectsEverythingElse(String slug) {
        assertThatThrownBy(() -> new LabSlug(slug)).isInstanceOf(InvalidLabSlugException.class);
    }
}
