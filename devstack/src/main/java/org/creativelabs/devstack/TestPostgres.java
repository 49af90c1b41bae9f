package org.creativelabs.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of a test run: the one named by {@code CLP_TEST_DATABASE_URL} (a superuser JDBC
 * URL, set by {@code .ci/run}), else an embedded PostgreSQL 15 started once per JVM. Each database prefix is
 * recreated once per JVM, so every test run starts from an empty platform.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "CLP_TEST_DATABASE_URL";

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final Map<String, DatabaseLogins> databases = new ConcurrentHashMap<>();
    private static PostgresServer server;

    private TestPostgres() {}

    public static synchronized PostgresServer server() {
        if (server == null) {
            String url = System.getenv(URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                server = PostgresServer.fromJdbcUrl(url);
                log.info("Tests use the PostgreSQL server at {}:{}", server.host(), server.port());
            } else {
                long started = System.nanoTime();
                EmbeddedPostgresServer embedded = startEmbedded();
                Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-postgres-stop"));
                server = embedded.server();
                log.info(
                        "Tests use an embedded PostgreSQL on port {} (started in {} ms)",
                        server.port(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
        return server;
    }

    /** A freshly bootstrapped database whose name and logins start with the prefix. */
    public static DatabaseLogins database(String prefix) {
        return databases.computeIfAbsent(prefix, p -> {
            DatabaseLogins logins = DatabaseLogins.withPrefix(p);
            try {
                new DatabaseBootstrap(server(), logins).recreate();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not bootstrap test database " + p, e);
            }
            return logins;
        });
    }

    private static EmbeddedPostgresServer startEmbedded() {
        try {
            Path dir = Files.createTempDirectory("clp-test-pg");
            return EmbeddedPostgresServer.start(dir, 0, false);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
