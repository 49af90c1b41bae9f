package org.creativelabs.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real S3-compatible server for tests: s3rver (from the npm registry, pinned in {@code devstack/s3rver}), run by
 * Node.js on a free loopback port with its data in a temporary folder, started once per JVM and stopped with it.
 * Credentials are s3rver's fixed pair.
 */
public final class TestS3 {

    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    private static String endpoint;

    private TestS3() {}

    /** Node.js and npm are on the path (CI requires them: {@code CLP_REQUIRE_NODE_TOOLS}). */
    public static boolean available() {
        return NodeTools.available();
    }

    /** The server's endpoint ({@code http://127.0.0.1:<port>}), with {@code bucket} created. */
    public static synchronized String start(String bucket) {
        if (endpoint == null) {
            endpoint = launch(bucket);
        }
        return endpoint;
    }

    private static String launch(String bucket) {
        try {
            Path tools = NodeTools.installed("s3rver", "s3rver");
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path data = Files.createTempDirectory("clp-s3rver");
            Path log = Files.createTempFile("clp-s3rver", ".log");
            Process process = new ProcessBuilder(
                            "node",
                            tools.resolve("node_modules/s3rver/bin/s3rver.js").toString(),
                            "-d",
                            data.toString(),
                            "-a",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(port),
                            "--silent",
                            "--configure-bucket",
                            bucket)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3rver exited: " + Files.readString(log));
                }
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    return "http://127.0.0.1:" + port;
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException(
                    "s3rver did not listen on " + port + " within 30 s: " + Files.readString(log));
        } catch (IOException e) {
            throw new IllegalStateException("Could not start s3rver", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
