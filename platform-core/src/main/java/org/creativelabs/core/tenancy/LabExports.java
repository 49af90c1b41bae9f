package org.creativelabs.core.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.creativelabs.core.web.Problems;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports and restores a lab's data without {@code pg_dump}: one {@code COPY} per table from a single consistent
 * snapshot, plus a manifest (schema version, columns, row counts and checksums). Exports stay on the server (a
 * volume); there is no endpoint that hands their content out. A restore goes into a migrated lab of the same schema
 * version, in one transaction: the target's tables are emptied and filled in foreign-key order, and every table's row
 * count is checked against the manifest.
 */
@Component
class LabExports {

    record Table(String name, List<String> columns, long rows, String sha256) {
    }

    /**
     * {@code labAdmins}: the Keycloak subjects of the lab's active lab-admins in the snapshot, so tenant-admin can refuse
     * a restore that would seat anyone else over the lab's people.
     */
    record Manifest(String exportId, UUID labId, String slug, String schemaVersion, Instant createdAt, List<Table> tables,
            List<String> labAdmins) {
    }

    private final MigratorConnections migrator;
    private final TenantCatalog catalog;
    private final JsonMapper json;
    private final Path root;

    LabExports(MigratorConnections migrator, TenantCatalog catalog, JsonMapper json, TenancyProperties properties) {
        this.migrator = migrator;
        this.catalog = catalog;
        this.json = json;
        this.root = properties.exportDir() != null ? properties.exportDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "creative-labs-exports");
    }

    Manifest export(UUID labId) {
        CatalogEntry lab = catalog.findById(labId).orElseThrow(() -> new LabNotFoundException(labId.toString()));
        String exportId = UUID.randomUUID().toString();
        Path folder = root.resolve(exportId);
        try (Connection connection = migrator.open()) {
            Files.createDirectories(folder);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            asLab(connection, lab);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<Table> tables = new ArrayList<>();
            for (Map.Entry<String, List<String>> table : columns(connection, lab.schemaName()).entrySet()) {
                MessageDigest digest = sha256();
                long rows;
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(folder.resolve(table.getKey() + ".copy")), digest)) {
                    rows = copy.copyOut("COPY " + qualified(lab, table.getKey()) + " (" + String.join(", ", quoted(table.getValue()))
                            + ") TO STDOUT", out);
                }
                tables.add(new Table(table.getKey(), table.getValue(), rows, HexFormat.of().formatHex(digest.digest())));
            }
            List<String> labAdmins = labAdmins(connection, lab);
            connection.commit();
            Manifest manifest = new Manifest(exportId, labId, lab.slug(), lab.schemaVersion(), Instant.now(), tables, labAdmins);
            Files.writeString(folder.resolve("manifest.json"), json.writeValueAsString(manifest));
            return manifest;
        } catch (SQLException e) {
            throw new IllegalStateException("Exporting lab " + lab.slug() + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the target lab's data with the export's, in one transaction; returns the rows restored per table. */
    Manifest restore(UUID targetLabId, String exportId) {
        CatalogEntry target = catalog.findById(targetLabId).orElseThrow(() -> new LabNotFoundException(targetLabId.toString()));
        Manifest manifest = manifest(exportId);
        if (target.serving()) {
            throw Problems.withMessage(HttpStatus.CONFLICT, "lab-conflict", "lab-conflict.restore-serving", target.slug());
        }
        if (!String.valueOf(manifest.schemaVersion()).equals(String.valueOf(target.schemaVersion()))) {
            throw Problems.withMessage(HttpStatus.CONFLICT, "lab-conflict", "lab-conflict.restore-version",
                    manifest.schemaVersion(), target.slug(), target.schemaVersion());
        }
        Path folder = root.resolve(exportId);
        try (Connection connection = migrator.open()) {
            connection.setAutoCommit(false);
            claim(connection, exportId, targetLabId);
            asLab(connection, target);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<String> order = parentsFirst(connection, target.schemaName(), manifest.tables().stream().map(Table::name).toList());
            try (Statement statement = connection.createStatement()) {
                for (int i = order.size() - 1; i >= 0; i--) {
                    statement.execute("DELETE FROM " + qualified(target, order.get(i)));
                }
            }
            Map<String, Table> byName = new LinkedHashMap<>();
            manifest.tables().forEach(t -> byName.put(t.name(), t));
            List<Table> restored = new ArrayList<>();
            for (String name : order) {
                Table table = byName.get(name);
                MessageDigest digest = sha256();
                long rows;
                try (InputStream in = new DigestInputStream(Files.newInputStream(folder.resolve(name + ".copy")), digest)) {
                    rows = copy.copyIn("COPY " + qualified(target, name) + " (" + String.join(", ", quoted(table.columns()))
                            + ") FROM STDIN", in);
                }
                String sha = HexFormat.of().formatHex(digest.digest());
                if (rows != table.rows() || !sha.equals(table.sha256())) {
                    throw new IllegalStateException("Restoring " + name + " read " + rows + " rows (" + sha + "), the manifest says "
                            + table.rows() + " (" + table.sha256() + ")");
                }
                restored.add(new Table(name, table.columns(), rows, sha));
            }
            connection.commit();
            return new Manifest(exportId, targetLabId, target.slug(), target.schemaVersion(), Instant.now(), restored,
                    manifest.labAdmins());
        } catch (SQLException e) {
            throw new IllegalStateException("Restoring export " + exportId + " into " + target.slug() + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifest manifest(String exportId) {
        Path file;
        try {
            file = root.resolve(UUID.fromString(exportId).toString()).resolve("manifest.json");
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("exportId", "wrong-type");
        }
        if (!Files.exists(file)) {
            throw Problems.of(HttpStatus.NOT_FOUND, "export-not-found", exportId);
        }
        try {
            return json.readValue(Files.readString(file), Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At most once per export: the claim commits or rolls back with the restore itself. */
    private static void claim(Connection connection, String exportId, UUID targetLabId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO core.lab_export_restore (export_id, lab_id) VALUES (?::uuid, ?) ON CONFLICT DO NOTHING")) {
            statement.setString(1, exportId);
            statement.setObject(2, targetLabId);
            if (statement.executeUpdate() == 0) {
                throw Problems.withMessage(HttpStatus.CONFLICT, "lab-conflict", "lab-conflict.export-restored", exportId);
            }
        }
    }

    private static List<String> labAdmins(Connection connection, CatalogEntry lab) throws SQLException {
        List<String> subjects = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT subject FROM "
                + qualified(lab, "membership") + " WHERE active AND erased_at IS NULL AND 'lab-admin' = ANY (roles) ORDER BY subject")) {
            while (rs.next()) {
                subjects.add(rs.getString(1));
            }
        }
        return subjects;
    }

    private static void asLab(Connection connection, CatalogEntry lab) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL ROLE " + TenantSchemas.q(lab.roleName()));
        }
    }

    /** The lab's own tables (Liquibase's left out) with the columns a COPY writes (generated ones left out). */
    private static Map<String, List<String>> columns(Connection connection, String schema) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.table_name, c.column_name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE 'databasechangelog%'
                  AND c.is_generated = 'NEVER'
                ORDER BY c.table_name, c.ordinal_position""")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return tables;
    }

    /** The tables ordered so that every table comes after the tables its foreign keys point to. */
    private static List<String> parentsFirst(Connection connection, String schema, List<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        tables.forEach(t -> parents.put(t, new LinkedHashSet<>()));
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT child.relname, parent.relname FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
                JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = ?""")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (parents.containsKey(rs.getString(1)) && !rs.getString(1).equals(rs.getString(2))) {
                        parents.get(rs.getString(1)).add(rs.getString(2));
                    }
                }
            }
        }
        List<String> order = new ArrayList<>();
        while (order.size() < tables.size()) {
            String next = parents.entrySet().stream().filter(e -> !order.contains(e.getKey()) && order.containsAll(e.getValue()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Foreign keys form a cycle in " + schema));
            order.add(next);
        }
        return order;
    }

    private static String qualified(CatalogEntry lab, String table) {
        return TenantSchemas.q(lab.schemaName()) + "." + TenantSchemas.q(table);
    }

    private static List<String> quoted(List<String> columns) {
        return columns.stream().map(c -> '"' + c.replace("\"", "\"\"") + '"').toList();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
