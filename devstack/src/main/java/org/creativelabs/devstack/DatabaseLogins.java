package org.creativelabs.devstack;

import java.util.regex.Pattern;

/**
 * The database of one platform deployment and its three logins (ARCHITECTURE.md, "Tenancy"):
 * the runtime login of platform-core, the migrator, and tenant-admin's login.
 */
public record DatabaseLogins(String database, String runtime, String migrator, String tenantAdmin) {

    private static final Pattern IDENTIFIER = Pattern.compile("^[a-z][a-z0-9_]{0,47}$");

    public DatabaseLogins {
        for (String name : new String[] {database, runtime, migrator, tenantAdmin}) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a safe database identifier: " + name);
            }
        }
    }

    /** Names derived from one prefix, e.g. {@code clp} gives database {@code clp}, login {@code clp_runtime}. */
    public static DatabaseLogins withPrefix(String prefix) {
        return new DatabaseLogins(prefix, prefix + "_runtime", prefix + "_migrator", prefix + "_tenant_admin");
    }
}
