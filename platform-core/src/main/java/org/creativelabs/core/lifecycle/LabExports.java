package org.creativelabs.core.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.creativelabs.core.tenancy.CatalogEntry;
import org.creativelabs.core.tenancy.LabNotFoundException;
import org.creativelabs.core.tenancy.MigratorConnections;
import org.creativelabs.core.tenancy.TenantCatalog;
import org.creativelabs.core.tenancy.TenantSchemas;
import org.creativelabs.core.web.Problems;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports and restores a lab's data without {@code pg_dump}: one {@code COPY} per table from a single consistent
 * snapshot, plus a manifest (schema version, columns, row counts and checksums). The manifest is kept in PostgreSQL
 * itself (the {@code exports} schema, which only the migrator can read), written in the same transaction that reads the
 * lab; the tables' content goes to the configured {@link ExportContentStore} (PostgreSQL by default, or an S3-compatible
 * object store), so exports are durable and every replica sees them; there is no endpoint that hands their content
 * out. A restore goes
 * into a migrated lab of the same schema version, in one transaction: every table's checksum is verified first, the
 * target's tables are emptied and filled in foreign-key order, and every table's row count is checked against the
 * manifest. A deleted lab's exports are kept for {@code platform.exports.retention}, then purged.
 */
@Component
class LabExports {

    record Table(String name, List<String> columns, long rows, String sha256) {}

    /**
     * {@code labAdmins}: the Keycloak subjects of the lab's active lab-admins in the snapshot, so tenant-admin can refuse
     * a restore that would seat anyone else over the lab's people.
     */
    record Manifest(
            String exportId,
            UUID labId,
            String slug,
            String schemaVersion,
            Instant createdAt,
            List<Table> tables,
            List<String> labAdmins) {}

    private final MigratorConnections migrator;
    private final TenantCatalog catalog;
    private final JsonMapper json;
    private final Duration retention;
    private final Map<String, ExportContentStore> stores = new LinkedHashMap<>();
    private final ExportContentStore writeTo;

    LabExports(
            MigratorConnections migrator,
            TenantCatalog catalog,
            JsonMapper json,
            ExportProperties properties,
            List<ExportContentStore> stores) {
        this.migrator = migrator;
        this.catalog = catalog;
        this.json = json;
        this.retention = properties.retention();
        stores.forEach(store -> this.stores.put(store.name(), store));
        this.writeTo = this.stores.get(properties.store().name().toLowerCase(java.util.Locale.ROOT));
        if (writeTo == null) {
            throw new IllegalStateException("platform.exports.store=" + properties.store() + " is not configured");
        }
    }

    Manifest export(UUID labId) {
        CatalogEntry lab = catalog.findById(labId).orElseThrow(() -> new LabNotFoundException(labId.toString()));
        UUID exportId = UUID.randomUUID();
        try (Connection connection = migrator.open()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            asLab(connection, lab);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<Table> tables = new ArrayList<>();
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> table :
                    columns(connection, lab.schemaName()).entrySet()) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                long rows = copy.copyOut(
                        "COPY " + qualified(lab, table.getKey()) + " (" + String.join(", ", quoted(table.getValue()))
                                + ") TO STDOUT",
                        content);
                contents.put(table.getKey(), content.toByteArray());
                tables.add(new Table(table.getKey(), table.getValue(), rows, sha256(content.toByteArray())));
            }
            List<String> labAdmins = labAdmins(connection, lab);
            Manifest manifest = new Manifest(
                    exportId.toString(), labId, lab.slug(), lab.schemaVersion(), Instant.now(), tables, labAdmins);
            asMigrator(connection);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO exports.lab_export "
                            + "(export_id, lab_id, slug, schema_version, manifest, content_store) VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
                insert.setObject(1, exportId);
                insert.setObject(2, labId);
                insert.setString(3, lab.slug());
                insert.setString(4, lab.schemaVersion());
                insert.setString(5, json.writeValueAsString(manifest));
                insert.setString(6, writeTo.name());
                insert.executeUpdate();
            }
            writeTo.write(connection, exportId, contents);
            event(connection, exportId, labId, "CREATED");
            connection.commit();
            return manifest;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Exporting lab " + lab.slug() + " failed", e);
        }
    }

    /** Replaces the target lab's data with the export's, in one transaction; returns the rows restored per table. */
    Manifest restore(UUID targetLabId, String exportId) {
        CatalogEntry target =
                catalog.findById(targetLabId).orElseThrow(() -> new LabNotFoundException(targetLabId.toString()));
        Stored stored = stored(exportId);
        Manifest manifest = stored.manifest();
        if (target.serving()) {
            throw Problems.withMessage(
                    HttpStatus.CONFLICT, "lab-conflict", "lab-conflict.restore-serving", target.slug());
        }
        if (!String.valueOf(manifest.schemaVersion()).equals(String.valueOf(target.schemaVersion()))) {
            throw Problems.withMessage(
                    HttpStatus.CONFLICT,
                    "lab-conflict",
                    "lab-conflict.restore-version",
                    manifest.schemaVersion(),
                    target.slug(),
                    target.schemaVersion());
        }
        try (Connection connection = migrator.open()) {
            connection.setAutoCommit(false);
            claim(connection, exportId, targetLabId);
            Map<String, byte[]> contents =
                    verified(manifest, stored.store().read(connection, UUID.fromString(exportId)));
            asLab(connection, target);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<String> order = parentsFirst(
                    connection,
                    target.schemaName(),
                    manifest.tables().stream().map(Table::name).toList());
            try (Statement statement = connection.createStatement()) {
                // A restore copies rows; what triggers derive from them (e.g. indicator facts) is in the export
                // already. The lab role owns its tables, so it may switch their triggers off, inside this transaction.
                for (String table : order) {
                    statement.execute("ALTER TABLE " + qualified(target, table) + " DISABLE TRIGGER USER");
                }
                for (int i = order.size() - 1; i >= 0; i--) {
                    statement.execute("DELETE FROM " + qualified(target, order.get(i)));
                }
            }
            Map<String, Table> byName = new LinkedHashMap<>();
            manifest.tables().forEach(t -> byName.put(t.name(), t));
            List<Table> restored = new ArrayList<>();
            for (String name : order) {
                Table table = byName.get(name);
                long rows = copy.copyIn(
                        "COPY " + qualified(target, name) + " (" + String.join(", ", quoted(table.columns()))
                                + ") FROM STDIN",
                        new ByteArrayInputStream(contents.get(name)));
                if (rows != table.rows()) {
                    throw new IllegalStateException(
                            "Restoring " + name + " read " + rows + " rows, the manifest says " + table.rows());
                }
                restored.add(new Table(name, table.columns(), rows, table.sha256()));
            }
            try (Statement statement = connection.createStatement()) {
                for (String table : order) {
                    statement.execute("ALTER TABLE " + qualified(target, table) + " ENABLE TRIGGER USER");
                }
            }
            asMigrator(connection);
            event(connection, UUID.fromString(exportId), targetLabId, "RESTORED");
            connection.commit();
            return new Manifest(
                    exportId,
                    targetLabId,
                    target.slug(),
                    target.schemaVersion(),
                    Instant.now(),
                    restored,
                    manifest.labAdmins());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Restoring export " + exportId + " into " + target.slug() + " failed", e);
        }
    }

    /** A deleted lab's exports expire after the retention period (recorded for each export). */
    void expireWithLab(UUID labId) {
        migrator.transactions().executeWithoutResult(status -> {
            migrator.jdbc()
                    .update(
                            "INSERT INTO exports.lab_export_event (export_id, lab_id, action) "
                                    + "SELECT export_id, lab_id, 'EXPIRY_SET' FROM exports.lab_export WHERE lab_id = ? AND expires_at IS NULL",
                            labId);
            migrator.jdbc()
                    .update(
                            "UPDATE exports.lab_export SET expires_at = now() + make_interval(secs => ?) "
                                    + "WHERE lab_id = ? AND expires_at IS NULL",
                            (double) retention.toSeconds(),
                            labId);
        });
    }

    /** Deletes the exports whose retention ran out; returns how many. */
    int purgeExpired() {
        List<UUID> expired = migrator.jdbc()
                .queryForList(
                        "SELECT export_id FROM exports.lab_export WHERE expires_at < now() ORDER BY expires_at",
                        UUID.class);
        int purged = 0;
        for (UUID exportId : expired) {
            purged += purge(exportId);
        }
        return purged;
    }

    /** One export: its content first (held under the manifest row's lock), then the manifest, recorded. */
    private int purge(UUID exportId) {
        try (Connection connection = migrator.open()) {
            connection.setAutoCommit(false);
            String storeName;
            try (PreparedStatement lock = connection.prepareStatement("SELECT content_store FROM exports.lab_export "
                    + "WHERE export_id = ? AND expires_at < now() FOR UPDATE SKIP LOCKED")) {
                lock.setObject(1, exportId);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        connection.rollback();
                        return 0;
                    }
                    storeName = rs.getString(1);
                }
            }
            store(storeName, exportId.toString()).delete(connection, exportId);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM exports.lab_export WHERE export_id = ? " + "RETURNING lab_id")) {
                delete.setObject(1, exportId);
                try (ResultSet rs = delete.executeQuery()) {
                    rs.next();
                    event(connection, exportId, rs.getObject(1, UUID.class), "PURGED");
                }
            }
            connection.commit();
            return 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Purging export " + exportId + " failed", e);
        }
    }

    private record Stored(Manifest manifest, ExportContentStore store) {}

    private Stored stored(String exportId) {
        UUID id;
        try {
            id = UUID.fromString(exportId);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("exportId", "wrong-type");
        }
        return migrator
                .jdbc()
                .query(
                        "SELECT manifest::text, content_store FROM exports.lab_export WHERE export_id = ?",
                        (rs, row) -> new Stored(
                                json.readValue(rs.getString(1), Manifest.class), store(rs.getString(2), exportId)),
                        id)
                .stream()
                .findFirst()
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "export-not-found", exportId));
    }

    /** The store an export was written to; one that is no longer configured is a clear refusal, never a guess. */
    private ExportContentStore store(String name, String exportId) {
        ExportContentStore store = stores.get(name);
        if (store == null) {
            throw Problems.withMessage(
                    HttpStatus.CONFLICT, "lab-conflict", "lab-conflict.export-store-missing", exportId, name);
        }
        return store;
    }

    /** Every table's content, each checked against the checksum the manifest recorded: a damaged export restores nothing. */
    private static Map<String, byte[]> verified(Manifest manifest, Map<String, byte[]> contents) {
        for (Table table : manifest.tables()) {
            byte[] content = contents.get(table.name());
            if (content == null || !sha256(content).equals(table.sha256())) {
                throw Problems.withMessage(
                        HttpStatus.CONFLICT,
                        "lab-conflict",
                        "lab-conflict.export-damaged",
                        manifest.exportId(),
                        table.name());
            }
        }
        return contents;
    }

    private static void event(Connection connection, UUID exportId, UUID labId, String action) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO exports.lab_export_event (export_id, lab_id, action) VALUES (?, ?, ?)")) {
            insert.setObject(1, exportId);
            insert.setObject(2, labId);
            insert.setString(3, action);
            insert.executeUpdate();
        }
    }

    /** At most once per export: the claim commits or rolls back with the restore itself. */
    private static void claim(Connection connection, String exportId, UUID targetLabId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO core.lab_export_restore (export_id, lab_id) VALUES (?::uuid, ?) ON CONFLICT DO NOTHING")) {
            statement.setString(1, exportId);
            statement.setObject(2, targetLabId);
            if (statement.executeUpdate() == 0) {
                throw Problems.withMessage(
                        HttpStatus.CONFLICT, "lab-conflict", "lab-conflict.export-restored", exportId);
            }
        }
    }

    private static List<String> labAdmins(Connection connection, CatalogEntry lab) throws SQLException {
        List<String> subjects = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT subject FROM " + qualified(lab, "membership")
                        + " WHERE active AND erased_at IS NULL AND 'lab-admin' = ANY (roles) ORDER BY subject")) {
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

    /** Back to the migrator itself, within the transaction: the exports schema is its own. */
    private static void asMigrator(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("RESET ROLE");
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
                    tables.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        return tables;
    }

    /** The tables ordered so that every table comes after the tables its foreign keys point to. */
    private static List<String> parentsFirst(Connection connection, String schema, List<String> tables)
            throws SQLException {
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
            String next = parents.entrySet().stream()
                    .filter(e -> !order.contains(e.getKey()) && order.containsAll(e.getValue()))
                    .map(Map.Entry::getKey)
                    .findFirst()
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

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
