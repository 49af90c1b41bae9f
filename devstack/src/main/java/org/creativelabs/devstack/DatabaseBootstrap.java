package org.creativelabs.devstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a platform database and its three logins with the least each needs, idempotently, as a
 * superuser. In production a DBA (or the infrastructure code) does the same once; the launcher and the
 * tests use this class. Lab roles and schemas are never created here: platform-core's internal tenant
 * API creates them through the migrator login.
 */
public final class DatabaseBootstrap {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBootstrap.class);

    private final PostgresServer server;
    private final DatabaseLogins logins;

    public DatabaseBootstrap(PostgresServer server, DatabaseLogins logins) {
        this.server = server;
        this.logins = logins;
    }

    /** Drops the database and the lab roles of an earlier run, then bootstraps afresh (tests). */
    public void recreate() throws SQLException {
        try (Connection admin = server.connectAsSuperuser("postgres");
                Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + q(logins.database()) + " WITH (FORCE)");
            for (String labRole : labRolesOf(admin)) {
                st.execute("DROP ROLE IF EXISTS " + q(labRole));
            }
        }
        bootstrap();
    }

    /** Creates whatever is missing; leaves existing data alone. */
    public void bootstrap() throws SQLException {
        try (Connection admin = server.connectAsSuperuser("postgres");
                Statement st = admin.createStatement()) {
            createLogin(
                    admin, logins.migrator(), "NOSUPERUSER NOINHERIT CREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS");
            // NOINHERIT: the runtime login reaches a lab only through SET ROLE, never by inheritance.
            createLogin(
                    admin, logins.runtime(), "NOSUPERUSER NOINHERIT NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS");
            createLogin(
                    admin,
                    logins.tenantAdmin(),
                    "NOSUPERUSER NOINHERIT NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS");
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", logins.database())) {
                st.execute("CREATE DATABASE " + q(logins.database()) + " ENCODING 'UTF8' TEMPLATE template0");
                log.info("Created database {}", logins.database());
            }
        }
        try (Connection db = server.connectAsSuperuser(logins.database());
                Statement st = db.createStatement()) {
            for (String sql : databaseStatements()) {
                st.execute(sql);
            }
        }
    }

    private List<String> databaseStatements() {
        String database = q(logins.database());
        String runtime = q(logins.runtime());
        String migrator = q(logins.migrator());
        String tenantAdmin = q(logins.tenantAdmin());
        List<String> sql = new ArrayList<>();
        sql.add("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        sql.add("GRANT CONNECT ON DATABASE " + database + " TO " + runtime + ", " + migrator + ", " + tenantAdmin);
        // The migrator creates one schema per lab.
        sql.add("GRANT CREATE ON DATABASE " + database + " TO " + migrator);
        sql.add("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        // Shared extensions, e.g. btree_gist for booking exclusion constraints, on every lab's search_path.
        sql.add("CREATE SCHEMA IF NOT EXISTS extensions");
        sql.add("GRANT USAGE ON SCHEMA extensions TO PUBLIC");
        sql.add("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA extensions");
        // platform-core's tenant catalog: the migrator owns it, the runtime login only reads it.
        sql.add("CREATE SCHEMA IF NOT EXISTS core AUTHORIZATION " + migrator);
        sql.add("GRANT USAGE ON SCHEMA core TO " + runtime);
        sql.add("ALTER DEFAULT PRIVILEGES FOR ROLE " + migrator + " IN SCHEMA core GRANT SELECT ON TABLES TO "
                + runtime);
        // tenant-admin owns the platform schema and nothing else.
        sql.add("CREATE SCHEMA IF NOT EXISTS platform AUTHORIZATION " + tenantAdmin);
        // A connection bound to no lab points at an empty schema it cannot even use: it sees nothing.
        sql.add("CREATE SCHEMA IF NOT EXISTS no_lab");
        sql.add("REVOKE ALL ON SCHEMA no_lab FROM PUBLIC");
        sql.add("ALTER ROLE " + runtime + " IN DATABASE " + database + " SET search_path TO no_lab");
        sql.add("ALTER ROLE " + migrator + " IN DATABASE " + database + " SET search_path TO core");
        sql.add("ALTER ROLE " + tenantAdmin + " IN DATABASE " + database + " SET search_path TO platform");
        return sql;
    }

    private void createLogin(Connection admin, String login, String attributes) throws SQLException {
        String verb = exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", login) ? "ALTER" : "CREATE";
        try (Statement st = admin.createStatement()) {
            st.execute(verb + " ROLE " + q(login) + " WITH LOGIN " + attributes + passwordClause());
        }
    }

    private String passwordClause() {
        String password = System.getenv("CLP_DB_PASSWORD");
        return password == null ? "" : " PASSWORD '" + password.replace("'", "''") + "'";
    }

    /** Lab roles are exactly the roles granted to this deployment's runtime login. */
    private List<String> labRolesOf(Connection admin) throws SQLException {
        List<String> roles = new ArrayList<>();
        String sql = "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                + "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ?";
        try (PreparedStatement ps = admin.prepareStatement(sql)) {
            // The migrator keeps every lab role it created; the runtime login loses those of labs not serving.
            ps.setString(1, logins.migrator());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
        }
        return roles;
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
