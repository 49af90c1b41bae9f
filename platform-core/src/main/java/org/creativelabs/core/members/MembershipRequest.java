package org.creativelabs.core.members;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** Who joins with which roles (lab admins, and tenant-admin's provisioning for a lab's first admin). */
record MembershipRequest(
        @NotBlank @Size(max = 255) String subject, @NotEmpty Set<LabRole> roles) {}
