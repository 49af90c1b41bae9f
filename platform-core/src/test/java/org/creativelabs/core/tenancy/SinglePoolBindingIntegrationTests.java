package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Must-show 3: with one pooled connection, requests alternating between lab A, lab B and no lab each see
 * only their own rows, also right after a request that failed mid-transaction; the connection comes back
 * to the pool bound to nothing every time.
 */
@TestPropertySource(
        properties = {"spring.datasource.hikari.maximum-pool-size=1", "spring.datasource.hikari.minimum-idle=1"})
class SinglePoolBindingIntegrationTests extends LabApiTest {

    @Autowired
    DataSource pool;

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void alternatingLabsOnOneConnectionNeverMix() throws SQLException {
        Lab a = labs.createServing("pool-a");
        Lab b = labs.createServing("pool-b");
        labs.createSpace(a, "Loom of A");
        labs.createSpace(b, "Camera of B");
        labs.createSpace(b, "Desk of B");

        for (int round = 0; round < 3; round++) {
            assertThat(names(api, a)).containsExactly("Loom of A");
            assertConnectionUnbound();
            assertThat(names(api, b)).containsExactly("Camera of B", "Desk of B");
            assertConnectionUnbound();

            // No lab: fails loudly, and the raw connection sees no lab table at all.
            assertThatThrownBy(() -> transactions.execute(s -> entityManager
                            .createNativeQuery("SELECT count(*) FROM space")
                            .getSingleResult()))
                    .hasRootCauseInstanceOf(NoLabBoundException.class);
            assertConnectionUnbound();

            // A request that fails mid-transaction in A (its insert breaks a unique index after binding) ...
            Api.Reply failed = api.post(
                    "/api/labs/" + a.slug() + "/spaces", Map.of("name", "LOOM OF A", "kind", "ROOM", "capacity", 1));
            assertThat(failed.status()).isEqualTo(409);
            assertConnectionUnbound();
            // ... and one that throws after writing, inside the application.
            assertThatThrownBy(() -> TenantContext.runAs(
                            a,
                            () -> transactions.executeWithoutResult(s -> {
                                entityManager
                                        .createNativeQuery("INSERT INTO space (id, name, kind, capacity) "
                                                + "VALUES (gen_random_uuid(), 'Half-written', 'DESK', 1)")
                                        .executeUpdate();
                                throw new IllegalStateException("boom after writing");
                            })))
                    .hasMessage("boom after writing");
            assertConnectionUnbound();

            assertThat(names(api, b)).containsExactly("Camera of B", "Desk of B");
            assertThat(names(api, a)).containsExactly("Loom of A");
        }
    }

    private static List<String> names(Api api, Lab lab) {
        JsonNode items = api.get("/api/labs/" + lab.slug() + "/spaces").json().get("items");
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    /** The single pooled connection is back to the bare runtime login with the empty search path. */
    private void assertConnectionUnbound() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT current_user, current_setting('role'), current_setting('search_path')")) {
            rs.next();
            assertThat(rs.getString(1))
                    .isEqualTo(TestDatabaseInitializer.logins().runtime());
            assertThat(rs.getString(2)).isEqualTo("none");
            assertThat(rs.getString(3)).isEqualTo("no_lab");
        }
    }
}
