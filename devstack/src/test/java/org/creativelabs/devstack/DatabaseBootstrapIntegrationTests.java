package org.creativelabs.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DatabaseBootstrapIntegrationTests {

    @Test
    void runtimeLoginHasNoPrivilegesOfItsOwn() throws Exception {
        DatabaseLogins logins = TestPostgres.database("clpt_boot");
        new DatabaseBootstrap(TestPostgres.server(), logins).bootstrap(); // idempotent: a second run changes nothing

        try (Connection c = TestPostgres.server().connect(logins.database(), logins.runtime());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT rolsuper, rolinherit, rolcreaterole, rolcreatedb, "
                        + "has_database_privilege(current_user, current_database(), 'CREATE'), "
                        + "has_schema_privilege(current_user, 'public', 'CREATE'), "
                        + "has_schema_privilege(current_user, 'core', 'USAGE'), current_setting('search_path') "
                        + "FROM pg_roles WHERE rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("rolsuper").isFalse();
            assertThat(rs.getBoolean(2)).as("rolinherit").isFalse();
            assertThat(rs.getBoolean(3)).as("rolcreaterole").isFalse();
            assertThat(rs.getBoolean(4)).as("rolcreatedb").isFalse();
            assertThat(rs.getBoolean(5)).as("CREATE on database").isFalse();
            assertThat(rs.getBoolean(6)).as("CREATE on public").isFalse();
            assertThat(rs.getBoolean(7)).as("USAGE on core").isTrue();
            assertThat(rs.getString(8)).isEqualTo("no_lab");
        }
    }

    @Test
    void tenantAdminLoginCannotReachPlatformCoreSchemas() throws Exception {
        DatabaseLogins logins = TestPostgres.database("clpt_boot");
        try (Connection c = TestPostgres.server().connect(logins.database(), logins.tenantAdmin());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT has_schema_privilege(current_user, 'core', 'USAGE'), "
                        + "has_schema_privilege(current_user, 'platform', 'CREATE')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isFalse();
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }
}
