package org.creativelabs.core.support;

import java.util.Map;
import org.creativelabs.devstack.DatabaseLogins;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.devstack.TestPostgres;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points platform-core at the test run's freshly bootstrapped database (with the production logins' rights) and
 * at the test run's Keycloak realm.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String DATABASE_PREFIX = "clpt_core";

    public static DatabaseLogins logins() {
        return TestPostgres.database(DATABASE_PREFIX);
    }

    public static Map<String, Object> properties() {
        DatabaseLogins logins = logins();
        return Map.of(
                "spring.datasource.url", TestPostgres.server().jdbcUrl(logins.database()),
                "spring.datasource.username", logins.runtime(),
                "spring.datasource.password", "",
                "platform.tenancy.migrator-username", logins.migrator(),
                "platform.security.issuer-uri", TestKeycloak.issuer());
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", properties()));
    }
}
