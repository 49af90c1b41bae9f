package org.creativelabs.core.tenancy;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hibernate's tenant identifier is the lab's schema. With no lab bound it is {@link #NO_LAB}: Hibernate may
 * open sessions at start-up, but {@link TenantBindingJpaDialect} refuses to begin a transaction for it.
 */
class TenantIdentifierResolver implements CurrentTenantIdentifierResolver<String> {

    static final String NO_LAB = "no_lab";

    @Override
    public String resolveCurrentTenantIdentifier() {
        return TenantContext.current().map(Lab::schema).orElse(NO_LAB);
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
