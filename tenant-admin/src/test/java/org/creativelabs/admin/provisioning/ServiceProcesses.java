package org.creativelabs.admin.provisioning;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.creativelabs.devstack.ChildProcesses;
import org.creativelabs.devstack.DatabaseLogins;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.devstack.TestPostgres;

/** The services' own jars as separate processes for tests: platform-core on a test database, tenant-admin. */
final class ServiceProcesses {

    private ServiceProcesses() {}

    /** platform-core on the database with these logins, with the test Keycloak; {@code extra} adds or overrides variables. */
    static Process platformCore(DatabaseLogins logins, int port, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>();
        environment.put("PLATFORM_DB_URL", TestPostgres.server().jdbcUrl(logins.database()));
        environment.put("PLATFORM_DB_RUNTIME_USER", logins.runtime());
        environment.put("PLATFORM_DB_MIGRATOR_USER", logins.migrator());
        environment.put("KEYCLOAK_URL", TestKeycloak.url());
        environment.put("PLATFORM_CORE_PORT", String.valueOf(port));
        environment.put("PLATFORM_DB_POOL_SIZE", "4");
        environment.putAll(extra);
        return start(Path.of("..", "platform-core", "target", "platform-core.jar"), "platform-core", environment, port);
    }

    /** tenant-admin's packaged jar (tests that use it run after packaging, in failsafe). */
    static Process tenantAdmin(Map<String, String> environment, int port) throws IOException, InterruptedException {
        return start(Path.of("target", "tenant-admin.jar"), "tenant-admin", environment, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process start(Path jar, String name, Map<String, String> environment, int port)
            throws IOException, InterruptedException {
        return ChildProcesses.startService(
                name,
                jar.toAbsolutePath().normalize(),
                environment,
                port,
                Files.createTempFile("clp-test-" + name, ".log"),
                Duration.ofMinutes(3));
    }
}
