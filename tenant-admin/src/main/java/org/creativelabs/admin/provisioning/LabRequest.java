package org.creativelabs.admin.provisioning;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a coordinator fills in to open a regional lab. {@code template}: the name of a lab-in-a-box template the new
 * lab starts with; {@code templateFromLab}: or the slug of an existing lab whose structure (spaces, plans, branding
 * defaults; never people) it starts with. {@code restoreFromExport}: an
 * archived lab's export whose data the new lab takes over (the lab moves; its people come with it).
 */
record LabRequest(
        @NotNull String slug,
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 120) String region,

        @NotEmpty @Size(max = 4) List<@NotNull @Pattern(regexp = "en|ru|ky|uz", message = "must be one of en, ru, ky, uz") String> languages,

        @NotBlank @Email @Size(max = 254) String adminEmail,
        @Size(max = 60) String template,
        @Size(max = 30) String templateFromLab,

        @Pattern(regexp = "[0-9a-f-]{36}", message = "must be an export id") String restoreFromExport) {}
