package org.creativelabs.core.lifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the content of an export's tables (their {@code COPY} data). Each call gets the migrator connection whose
 * transaction writes, reads or deletes the export's manifest row, so a store inside PostgreSQL commits or rolls back
 * with it; an outside store writes before that transaction commits and deletes before the manifest row goes.
 */
interface ExportContentStore {

    /** The name recorded with each export, so an export is always read from the store that wrote it. */
    String name();

    void write(Connection connection, UUID exportId, Map<String, byte[]> tables) throws SQLException;

    /** The content of every table the store holds for the export (a table it lacks is missing from the map). */
    Map<String, byte[]> read(Connection connection, UUID exportId) throws SQLException;

    void delete(Connection connection, UUID exportId) throws SQLException;
}
