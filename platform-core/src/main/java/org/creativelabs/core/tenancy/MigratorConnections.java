package org.creativelabs.core.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connections of the migrator login, used only by the internal tenant API and migrations. Deliberately
 * not a {@code DataSource} bean (the application's one pool is the runtime login's) and not pooled:
 * these calls are rare, and a fresh connection cannot carry a role over from an earlier one.
 */
@Component
public class MigratorConnections {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String login;
    private final String runtimeLogin;

    MigratorConnections(DataSourceProperties runtime, TenancyProperties properties) {
        if (properties.migratorUsername() == null
                || properties.migratorUsername().isBlank()) {
            throw new IllegalStateException("platform.tenancy.migrator-username is not set");
        }
        this.login = properties.migratorUsername();
        this.runtimeLogin = runtime.getUsername();
        this.dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(),
                runtime.getUrl(),
                properties.migratorUsername(),
                properties.migratorPassword());
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    String login() {
        return login;
    }

    String runtimeLogin() {
        return runtimeLogin;
    }
}
