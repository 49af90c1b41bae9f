package org.creativelabs.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/** The launcher's secrets: generated on first run into a git-ignored file, reused afterwards. */
final class DevSecrets {

    private static final List<String> NAMES = List.of(
            "KEYCLOAK_ADMIN_PASSWORD",
            "GATEWAY_CLIENT_SECRET",
            "TENANT_ADMIN_CLIENT_SECRET",
            "PROVISIONER_CLIENT_SECRET",
            "PLATFORM_CORE_CLIENT_SECRET",
            "DEMO_PASSWORD");

    private final Properties values;

    private DevSecrets(Properties values) {
        this.values = values;
    }

    static DevSecrets load(Path file) throws IOException {
        Properties values = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                values.load(reader);
            }
        }
        boolean changed = false;
        SecureRandom random = new SecureRandom();
        for (String name : NAMES) {
            if (!values.containsKey(name)) {
                byte[] bytes = new byte[name.equals("DEMO_PASSWORD") ? 6 : 18];
                random.nextBytes(bytes);
                values.setProperty(
                        name,
                        (name.equals("DEMO_PASSWORD") ? "Demo-" : "")
                                + HexFormat.of().formatHex(bytes));
                changed = true;
            }
        }
        if (changed) {
            try (Writer writer = Files.newBufferedWriter(file)) {
                values.store(
                        writer, "Dev-only secrets of ./run-local.sh (git-ignored); delete to regenerate with --fresh");
            }
        }
        return new DevSecrets(values);
    }

    String get(String name) {
        return values.getProperty(name);
    }
}
