package org.creativelabs.core.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Registering for an event: a name and, without an account, a contact (an e-mail or a phone number). Companions come
 * along on the same entry (one seat each). {@code joinNetwork} is the registrant's recorded consent to join the lab's
 * network, in the words identified by {@code consentWording} (e.g. {@code "network-2026"}).
 */
record RegistrationRequest(
        @NotBlank @Size(max = 120) String name,

        @Size(max = 254) @Pattern(regexp = "^([^\\s@]+@[^\\s@]+\\.[^\\s@]+|\\+?[0-9 ()-]{6,20})$")
        String contact,

        @Min(0) @Max(19) Integer companions,
        Boolean joinNetwork,
        @Size(min = 1, max = 40) String consentWording) {

    int seats() {
        return 1 + (companions == null ? 0 : companions);
    }

    boolean joinsNetwork() {
        return Boolean.TRUE.equals(joinNetwork);
    }
}
