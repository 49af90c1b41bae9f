package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestDatabaseInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Must-show 2: PostgreSQL itself refuses cross-lab access. These tests bypass the application's own lab
 * check by using the runtime pool directly, as a bug or an injected query would.
 */
class RuntimeLoginPrivilegeIntegrationTests extends LabApiTest {

    @Autowired
    DataSource runtimePool;

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate transactions;

    Lab a;
    Lab b;

    @BeforeEach
    void setUp() {
        a = labs.createServing("priv-a");
        b = labs.createServing("priv-b");
        labs.createSpace(a, "Secret of A");
        labs.createSpace(b, "Secret of B");
    }

    @Test
    void theRuntimeLoginIsNeitherSuperuserNorInheritingNorCreatingRoles() throws SQLException {
        try (Connection c = runtimePool.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_user, rolsuper, rolinherit, rolcreaterole, rolcreatedb, "
                        + "pg_has_role(current_user, 'pg_read_all_data', 'MEMBER') "
                        + "FROM pg_roles WHERE rolname = current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1))
                    .isEqualTo(TestDatabaseInitializer.logins().runtime());
            assertThat(rs.getBoolean("rolsuper")).isFalse();
            assertThat(rs.getBoolean("rolinherit")).isFalse();
            assertThat(rs.getBoolean("rolcreaterole")).isFalse();
            assertThat(rs.getBoolean("rolcreatedb")).isFalse();
            assertThat(rs.getBoolean(6)).as("member of pg_read_all_data").isFalse();
        }
    }

    @Test
    void aConnectionBoundToLabACannotReadLabBEvenWhenSchemaQualified() throws SQLException {
        try (Connection c = runtimePool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(TenantConnectionBinder.transactionBinding(a.schema()));
                assertThat(count(st, "SELECT count(*) FROM space"))
                        .as("its own lab")
                        .isEqualTo(1);
                assertThat(count(st, "SELECT count(*) FROM \"" + a.schema() + "\".space"))
                        .isEqualTo(1);
                assertThatThrownBy(() -> count(st, "SELECT count(*) FROM \"" + b.schema() + "\".space"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                        .hasMessageContaining("permission denied");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void aConnectionBoundToNoLabSeesNothing() throws SQLException {
        try (Connection c = runtimePool.getConnection();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> count(st, "SELECT count(*) FROM \"" + a.schema() + "\".space"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> count(st, "SELECT count(*) FROM space"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            assertThatThrownBy(() -> st.execute("CREATE SCHEMA sneaky"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> st.execute(
                            "SET ROLE \"" + TestDatabaseInitializer.logins().migrator() + "\""))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void aJpaTransactionOfLabACannotReachLabB() {
        assertThatThrownBy(() -> TenantContext.runAs(
                        a,
                        () -> transactions.execute(status -> entityManager
                                .createNativeQuery("SELECT count(*) FROM \"" + b.schema() + "\".space")
                                .getSingleResult())))
                .rootCause()
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));

        Object own = TenantContext.callAs(
                a,
                () -> transactions.execute(status -> entityManager
                        .createNativeQuery("SELECT count(*) FROM space")
                        .getSingleResult()));
        assertThat(((Number) own).intValue()).isEqualTo(1);
    }

    @Test
    void aJpaTransactionWithNoLabFailsBeforeItStarts() {
        assertThatThrownBy(() -> transactions.execute(
                        status -> entityManager.createNativeQuery("SELECT 1").getSingleResult()))
                .hasRootCauseInstanceOf(NoLabBoundException.class);
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
