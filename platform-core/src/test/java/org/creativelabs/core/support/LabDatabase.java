package org.creativelabs.core.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestPostgres;

/** Looks straight into a lab's schema as the database superuser, past the application: what is really stored. */
public final class LabDatabase {

    private LabDatabase() {}

    /** Rows per table of the lab's own tables (Liquibase's tracking tables left out). */
    public static Map<String, Long> rowCounts(Lab lab) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (String table : tables(c, lab)) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + lab.schema() + "." + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** A digest of every row of every lab table: equal before and after means nothing was written. */
    public static Map<String, String> fingerprint(Lab lab) {
        Map<String, String> digests = new TreeMap<>();
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (String table : tables(c, lab)) {
                try (ResultSet rs = st.executeQuery(
                        "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                                + lab.schema() + "." + table + " t")) {
                    rs.next();
                    digests.put(table, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }

    /**
     * Every text-like column (text, varchar, arrays, JSON) of every table in the lab's schema, audit included, where
     * {@code needle} occurs: as {@code table.column}.
     */
    public static List<String> columnsContaining(Lab lab, String needle) {
        List<String> found = new ArrayList<>();
        try (Connection c = connect();
                PreparedStatement columns = c.prepareStatement("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = ? AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
                  OR (data_type = 'ARRAY' AND udt_name IN ('_text', '_varchar')))
                ORDER BY table_name, column_name""")) {
            columns.setString(1, lab.schema());
            try (ResultSet rs = columns.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String column = rs.getString(2);
                    try (PreparedStatement scan = c.prepareStatement("SELECT count(*) FROM " + lab.schema() + ".\""
                            + table + "\" WHERE strpos(\"" + column + "\"::text, ?) > 0")) {
                        scan.setString(1, needle);
                        try (ResultSet hits = scan.executeQuery()) {
                            hits.next();
                            if (hits.getLong(1) > 0) {
                                found.add(table + "." + column);
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** How many text-like columns {@link #columnsContaining} looks at, so a test can show the scan is not empty. */
    public static int textColumnCount(Lab lab) {
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement("""
                SELECT count(*) FROM information_schema.columns WHERE table_schema = ?
                AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR data_type = 'ARRAY')""")) {
            st.setString(1, lab.schema());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(Lab lab, String table, String where, Object... args) {
        return number("SELECT count(*) FROM " + lab.schema() + "." + table + " WHERE " + where, args);
    }

    /** Runs one statement as a superuser, behind the application's back (e.g. a grant another replica would not see). */
    public static void superuser(String sql) {
        try (Connection c = connect();
                java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number from any query, as a superuser (e.g. rows in the exports schema, which no application login reads). */
    public static long number(String sql, Object... args) {
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of a query, as text, as a superuser. */
    public static List<String> texts(String sql, Object... args) {
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Changes rows behind the API's back, as a superuser: e.g. moves a booking into the past. */
    public static int update(Lab lab, String table, String set, String where, Object... args) {
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement(
                        "UPDATE " + lab.schema() + "." + table + " SET " + set + " WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tables(Connection c, Lab lab) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'databasechangelog%'")) {
            st.setString(1, lab.schema());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static Connection connect() throws SQLException {
        return TestPostgres.server()
                .connectAsSuperuser(TestDatabaseInitializer.logins().database());
    }
}
