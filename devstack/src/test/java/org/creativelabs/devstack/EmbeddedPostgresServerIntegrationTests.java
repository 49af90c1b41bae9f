package org.creativelabs.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL that a fresh machine without a server uses (tests and the run command): always
 * exercised here, even when the rest of the suite runs against a server.
 */
class EmbeddedPostgresServerIntegrationTests {

    @Test
    void startsPostgres15KeepsItsDataAndTakesTheBootstrap() throws Exception {
        Path data = Files.createTempDirectory("clp-embedded-test");
        DatabaseLogins logins = DatabaseLogins.withPrefix("clpt_embedded");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0, true)) {
            new DatabaseBootstrap(server.server(), logins).bootstrap();
            try (Connection c = server.server().connect(logins.database(), logins.runtime());
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000, "
                            + "(SELECT count(*) FROM pg_extension WHERE extname = 'btree_gist')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(15);
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
        }
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(data, 0, true);
                Connection c = again.server().connectAsSuperuser("postgres");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_database WHERE datname = '" + logins.database() + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the data folder survives a restart").isEqualTo(1);
        }
    }
}
