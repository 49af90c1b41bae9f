package org.creativelabs.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Child processes of the launcher and of tests (Keycloak, the services): starting a service from its jar, waiting
 * until it is ready, and stopping it.
 */
public final class ChildProcesses {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildProcesses() {}

    /**
     * Starts a service's Boot jar with this environment, its output in {@code log}, and waits until its readiness
     * probe on {@code port} is UP.
     */
    public static Process startService(
            String name,
            java.nio.file.Path jar,
            java.util.Map<String, String> environment,
            int port,
            java.nio.file.Path log,
            Duration timeout)
            throws IOException, InterruptedException {
        if (!java.nio.file.Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
        command.addAll(java.util.List.of(javaOptions(name).split("\\s+")));
        command.addAll(java.util.List.of("-jar", jar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MANAGEMENT_PORT", "0"); // actuator on a port of its own; health is on the public one
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            awaitReady(name, process, "http://127.0.0.1:" + port + "/readyz", timeout, log.toString());
        } catch (RuntimeException | InterruptedException e) {
            stop(process);
            throw e;
        }
        return process;
    }

    /**
     * A service's JVM options: its own {@code CLP_<NAME>_JAVA_OPTS} (e.g. {@code CLP_PLATFORM_CORE_JAVA_OPTS}), else
     * {@code CLP_SERVICE_JAVA_OPTS}, else a fast start with a capped JIT (fine for the launcher and tests; benchmarks
     * pass the image's and chart's settings instead, each service with its own memory limit).
     */
    static String javaOptions(String name) {
        String own =
                System.getenv("CLP_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_JAVA_OPTS");
        String shared = System.getenv("CLP_SERVICE_JAVA_OPTS");
        if (own != null && !own.isBlank()) {
            return own.trim();
        }
        return shared == null || shared.isBlank() ? "-XX:TieredStopAtLevel=1 -Xss512k" : shared.trim();
    }

    /** Waits until the process answers its health URL with 200 and status UP; fails when it dies or times out. */
    public static void awaitReady(String name, Process process, String healthUrl, Duration timeout, String logHint)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + logHint);
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(healthUrl))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + logHint);
    }

    /** Asks the process to stop (SIGTERM: a graceful shutdown), then forces it after 30 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
