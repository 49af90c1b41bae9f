package org.creativelabs.core.branding;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;

/** What a lab admin sets; {@code version} is the one they read (optimistic locking). */
record BrandingRequest(
        @NotBlank @Size(max = 120) String displayName,

        @NotNull @Pattern(regexp = "^#[0-9A-Fa-f]{6}$", message = "must be a colour like #6B2D5C") String primaryColor,

        @NotNull @Pattern(regexp = "^#[0-9A-Fa-f]{6}$", message = "must be a colour like #F2B134") String accentColor,

        @NotNull @Pattern(regexp = "^(en|ru|ky|uz)$", message = "must be one of en, ru, ky, uz")
        String defaultLanguage,

        @NotNull @Size(max = 64) String timeZone,
        @Email @Size(max = 254) String contactEmail,

        @Pattern(regexp = "^\\+?[0-9 ()-]{5,32}$", message = "must be a phone number")
        String contactPhone,

        @Size(max = 300) String address,
        @NotNull Long version) {

    @AssertTrue(message = "must be a time zone such as Asia/Bishkek") boolean isKnownTimeZone() {
        if (timeZone == null) {
            return true;
        }
        try {
            ZoneId.of(timeZone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
