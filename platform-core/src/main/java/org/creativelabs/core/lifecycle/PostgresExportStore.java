package org.creativelabs.core.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Export content inside PostgreSQL ({@code exports.lab_export_table}), in the very transaction of the export. */
@Component
class PostgresExportStore implements ExportContentStore {

    static final String NAME = "postgres";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(Connection connection, UUID exportId, Map<String, byte[]> tables) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO exports.lab_export_table (export_id, table_name, content) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, byte[]> table : tables.entrySet()) {
                insert.setObject(1, exportId);
                insert.setString(2, table.getKey());
                insert.setBytes(3, table.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public Map<String, byte[]> read(Connection connection, UUID exportId) throws SQLException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT table_name, content FROM exports.lab_export_table WHERE export_id = ?")) {
            select.setObject(1, exportId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    contents.put(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        return contents;
    }

    @Override
    public void delete(Connection connection, UUID exportId) {
        // the rows go with the manifest row (ON DELETE CASCADE)
    }
}
