package org.creativelabs.core.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The only code that points a connection at a lab. Identifiers cannot be bind parameters in
 * {@code SET ROLE}, so they are allow-listed ({@link Lab} accepts only generated schema names) and quoted.
 * Each binding is one statement string, so one round trip.
 */
final class TenantConnectionBinder {

    private TenantConnectionBinder() {}

    /** For the current transaction only: PostgreSQL resets both at commit or rollback. */
    static String transactionBinding(String schema) {
        requireLabSchema(schema);
        return "SET LOCAL ROLE \"" + schema + "\"; SET LOCAL search_path TO \"" + schema + "\", extensions";
    }

    /** For a whole (migrator) session; undone by {@link #resetSession}. */
    static void bindSession(Connection connection, Lab lab) throws SQLException {
        execute(
                connection,
                "SET ROLE \"" + lab.schema() + "\"; SET search_path TO \"" + lab.schema() + "\", extensions");
    }

    static void resetSession(Connection connection) throws SQLException {
        execute(connection, "RESET ROLE; RESET search_path");
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static void requireLabSchema(String schema) {
        if (!Lab.isLabSchema(schema)) {
            throw new NoLabBoundException("No lab is bound to this transaction (tenant identifier: " + schema + ")");
        }
    }
}
