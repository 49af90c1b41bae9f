package org.creativelabs.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.keycloak.admin.client.Keycloak;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Keycloak from its Maven Central distribution (unpacked by devstack's build into
 * {@code devstack/target/keycloak}), keeping its data in its own PostgreSQL database. The build step for
 * PostgreSQL runs once per unpacked distribution; later starts are optimized.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.5.6";
    public static final String ADMIN_USER = "admin";

    private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Process process;
    private final String url;
    private final String adminPassword;

    private KeycloakServer(Process process, String url, String adminPassword) {
        this.process = process;
        this.url = url;
        this.adminPassword = adminPassword;
    }

    /** The unpacked distribution: {@code clp.keycloak.home}, else devstack/target/keycloak found from the working folder up. */
    public static Path distribution() {
        String configured = System.getProperty("clp.keycloak.home", System.getenv("CLP_KEYCLOAK_HOME"));
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("devstack/target/keycloak/keycloak-" + VERSION);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "Keycloak " + VERSION + " is not unpacked: build devstack first (./mvnw -pl devstack package)");
    }

    public static KeycloakServer start(
            Path home,
            PostgresServer postgres,
            String database,
            int httpPort,
            int managementPort,
            String adminPassword,
            Path logFile) {
        long started = System.nanoTime();
        try {
            ensureBuilt(home);
            ensureDatabase(postgres, database);
            List<String> command = new ArrayList<>(List.of(
                    home.resolve("bin/kc.sh").toString(),
                    "start",
                    "--optimized",
                    "--http-enabled=true",
                    "--http-host=127.0.0.1",
                    "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort,
                    // One fixed public address: a token's issuer must not depend on whether Keycloak was reached as
                    // localhost or 127.0.0.1, or the services (which expect 127.0.0.1) refuse it.
                    "--hostname=http://127.0.0.1:" + httpPort,
                    "--db-url=" + postgres.jdbcUrl(database),
                    "--db-username=" + database,
                    "--db-password=" + database,
                    "--cache=local"));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
            Process process = builder.start();
            KeycloakServer server = new KeycloakServer(process, "http://127.0.0.1:" + httpPort, adminPassword);
            try {
                ChildProcesses.awaitReady(
                        "Keycloak",
                        process,
                        "http://127.0.0.1:" + managementPort + "/health/ready",
                        START_TIMEOUT,
                        logFile.toString());
            } catch (IllegalStateException e) {
                server.close();
                throw e;
            }
            log.info(
                    "Keycloak {} ready at {} in {} s",
                    VERSION,
                    server.url,
                    (System.nanoTime() - started) / 1_000_000_000);
            return server;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Keycloak did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Keycloak", e);
        }
    }

    public String url() {
        return url;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Keycloak admin() {
        return Keycloak.getInstance(url, "master", ADMIN_USER, adminPassword, "admin-cli");
    }

    @Override
    public void close() {
        ChildProcesses.stop(process);
    }

    /** Keycloak's build step (database vendor, health endpoints) runs once; a marker records it. */
    private static synchronized void ensureBuilt(Path home) throws IOException, InterruptedException {
        Path marker = home.resolve(".clp-built-for-postgres");
        if (Files.exists(marker)) {
            return;
        }
        long started = System.nanoTime();
        Path buildLog = Files.createTempFile("keycloak-build", ".log");
        Process build = new ProcessBuilder(
                        home.resolve("bin/kc.sh").toString(),
                        "build",
                        "--db=postgres",
                        "--health-enabled=true",
                        "--cache=local")
                .redirectErrorStream(true)
                .redirectOutput(buildLog.toFile())
                .start();
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            throw new IllegalStateException("Keycloak's build step failed; see " + buildLog);
        }
        Files.writeString(marker, "built\n");
        log.info("Keycloak build step took {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    /** Starts Keycloak's data over: its database goes (its login stays, and the database is created again at start). */
    static void dropDatabase(PostgresServer postgres, String database) throws SQLException {
        try (Connection admin = postgres.connectAsSuperuser("postgres");
                Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        }
    }

    /** Keycloak keeps its own database, with a login of the same name. */
    private static void ensureDatabase(PostgresServer postgres, String database) throws SQLException {
        try (Connection admin = postgres.connectAsSuperuser("postgres");
                Statement st = admin.createStatement()) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", database)) {
                st.execute("CREATE ROLE \"" + database + "\" LOGIN PASSWORD '" + database + "'");
            }
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                st.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + database + "\"");
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
