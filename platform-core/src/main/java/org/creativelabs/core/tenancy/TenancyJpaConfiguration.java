package org.creativelabs.core.tenancy;

import javax.sql.DataSource;
import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * Transactions wrap method security ({@code order = 0}, before {@code @PreAuthorize} at 200): an endpoint's access
 * check (the caller's membership, read by {@code LabAccess}) joins the endpoint's own transaction, so a lab read is one
 * transaction and one lab binding, not two.
 */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement(proxyTargetClass = true, order = 0)
class TenancyJpaConfiguration {

    /** A provider bean alone is silently ignored by Boot 4: the settings must be passed explicitly. */
    @Bean
    HibernatePropertiesCustomizer tenancyHibernateProperties(DataSource dataSource) {
        return properties -> {
            properties.put(
                    MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER,
                    new PassThroughConnectionProvider(dataSource));
            properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, new TenantIdentifierResolver());
        };
    }

    /**
     * The binding dialect goes on the EntityManagerFactory: the JpaTransactionManager copies the factory's
     * dialect over its own.
     */
    @Bean
    static BeanPostProcessor tenantBindingJpaDialectInstaller() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractEntityManagerFactoryBean factory) {
                    factory.setJpaDialect(new TenantBindingJpaDialect());
                }
                return bean;
            }
        };
    }
}
