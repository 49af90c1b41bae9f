package org.creativelabs.admin.registry;

/** A lab's lifecycle, as the registry (the source of truth for a lab's existence) records it. */
public enum LabStatus {
    PROVISIONING,
    ACTIVE,
    SUSPENDED,
    ARCHIVED,
    DELETED,
    PROVISIONING_FAILED
}
