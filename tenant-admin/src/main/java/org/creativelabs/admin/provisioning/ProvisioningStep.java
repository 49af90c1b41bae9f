package org.creativelabs.admin.provisioning;

/** The steps that bring a lab live, in order. Each is idempotent: running it again after a crash changes nothing. */
enum ProvisioningStep {
    /** The registry row, status PROVISIONING (written with the job, in the request's transaction). */
    REGISTER,
    /** platform-core creates the lab's role and schema. */
    SCHEMA,
    /** platform-core migrates the schema to the latest version. */
    MIGRATE,
    /** The lab's Keycloak organization. */
    ORGANIZATION,
    /** The first lab admin: account, organization membership, lab-admin membership, invitation e-mail. */
    INVITE,
    /** Branding (name, language) and the starter template. */
    TEMPLATE,
    /** platform-core serves the lab; the registry says ACTIVE. */
    ACTIVATE
}
