package org.creativelabs.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * PostgreSQL 15 from Maven Central (zonky binaries), for a newcomer's machine that has no server.
 * As root, PostgreSQL refuses to run, so the launcher and tests run it as an unprivileged user
 * through {@link UnprivilegedPgBinaryResolver}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server on the given data folder; with {@code keepData} the folder survives restarts.
     * Port 0 picks a free port.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean keepData) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!keepData)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    public PostgresServer server() {
        return new PostgresServer("127.0.0.1", postgres.getPort(), "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
