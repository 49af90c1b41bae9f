package org.creativelabs.core.members.privacy;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A member's own profile; {@code version} is the one they read (absent when creating it). */
record ProfileRequest(
        @NotBlank @Size(max = 120) String displayName,
        @Email @Size(max = 254) String email,
        @Pattern(regexp = "\\+?[0-9 ()-]{5,40}") String phone,
        @Size(max = 200) String craft,
        @Size(max = 2000) String bio,
        MemberProfile.Visibility visibility,
        Long version) {}
