package org.creativelabs.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages some tests need (s3rver, axe-core), each pinned with its lock file in a folder of devstack and
 * installed there with {@code npm ci} on first use. Test support only: nothing here is deployed.
 */
public final class NodeTools {

    private NodeTools() {}

    /** Node.js and npm are on the path (CI requires them: {@code CLP_REQUIRE_NODE_TOOLS}). */
    public static boolean available() {
        return onPath("node") && onPath("npm");
    }

    /** devstack/{@code folder}, found from the working folder up, with its packages installed. */
    public static synchronized Path installed(String folder, String marker) {
        Path tools = folder(folder);
        if (!Files.isDirectory(tools.resolve("node_modules").resolve(marker))) {
            try {
                run(List.of("npm", "ci", "--no-audit", "--no-fund", "--silent"), tools, Duration.ofMinutes(3));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return tools;
    }

    private static Path folder(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("devstack").resolve(name);
            if (Files.exists(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "devstack/" + name + " not found from " + Path.of("").toAbsolutePath());
    }

    private static void run(List<String> command, Path directory, Duration timeout)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("clp-npm", ".log");
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed in " + directory + ": " + Files.readString(log));
        }
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
