package org.creativelabs.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where a PostgreSQL server listens and how a superuser reaches it. */
public record PostgresServer(String host, int port, String superuser) {

    /**
     * Parses a JDBC URL of a superuser connection, e.g.
     * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
     */
    public static PostgresServer fromJdbcUrl(String jdbcUrl) {
        Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String host = parsed.getProperty("PGHOST", "127.0.0.1");
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432"));
        return new PostgresServer(host, port, parsed.getProperty("user", "postgres"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A superuser connection to the given database. */
    public Connection connectAsSuperuser(String database) throws SQLException {
        return connect(database, superuser);
    }

    public Connection connect(String database, String login) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", login);
        String password = System.getenv("CLP_DB_PASSWORD");
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }
}
