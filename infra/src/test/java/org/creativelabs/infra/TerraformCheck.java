package org.creativelabs.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Terraform check: parse every {@code .tf} file below a folder with HashiCorp's own HCL parser
 * ({@code @cdktf/hcl2json}, run by Node.js; installed from the npm registry on first use) and assert on the parsed
 * result; run {@code terraform fmt -check} where terraform exists. Says which checks ran. (The pure-Java hcl4j was
 * tried and rejected: it refuses valid HCL such as {@code for} expressions and accepts unclosed blocks.)
 */
final class TerraformCheck {

    static final Path TOOLS = Path.of("tools").toAbsolutePath();
    private static final Pattern EXACT_VERSION = Pattern.compile("^=?\\s*\\d+\\.\\d+\\.\\d+$");
    private static final Set<String> BUILT_IN = Set.of("terraform");

    record Report(List<String> violations, List<String> checksRun) {}

    private final List<String> violations = new ArrayList<>();
    private final List<String> checksRun = new ArrayList<>();

    static Report run(Path root) {
        TerraformCheck check = new TerraformCheck();
        Map<Path, Map<String, Object>> parsed = check.parse(tfFiles(root));
        check.checkModules(parsed);
        check.checkFormat(root);
        return new Report(check.violations, check.checksRun);
    }

    static List<Path> tfFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".tf"))
                    .filter(p -> !p.toString().contains("/.terraform/")
                            && !p.toString().contains("/node_modules/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Path, Map<String, Object>> parse(List<Path> files) {
        if (!parserAvailable()) {
            throw new IllegalStateException("HashiCorp's HCL parser needs Node.js and npm (see infra/README.md)");
        }
        checksRun.add("parse " + files.size() + " files with HashiCorp's HCL parser (@cdktf/hcl2json)");
        List<String> command =
                new ArrayList<>(List.of("node", TOOLS.resolve("hcl2json.mjs").toString()));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        Result result = exec(command, TOOLS);
        if (result.exitCode() != 0) {
            result.stderr().lines().filter(l -> !l.isBlank()).forEach(l -> violations.add("does not parse: " + l));
        }
        Map<String, Object> byFile = JsonMapper.builder().build().readValue(result.stdout(), Map.class);
        Map<Path, Map<String, Object>> parsed = new LinkedHashMap<>();
        byFile.forEach((file, document) -> parsed.put(Path.of(file), (Map<String, Object>) document));
        return parsed;
    }

    private void checkModules(Map<Path, Map<String, Object>> parsed) {
        Map<Path, List<Map<String, Object>>> modules = new TreeMap<>();
        parsed.forEach((file, document) -> modules.computeIfAbsent(
                        file.toAbsolutePath().getParent(), d -> new ArrayList<>())
                .add(document));
        checksRun.add("variables and outputs described, providers pinned, in " + modules.size() + " modules");
        modules.forEach((dir, documents) -> {
            Map<String, Object> providers = new TreeMap<>();
            boolean requiredVersion = false;
            Set<String> usedProviders = new java.util.TreeSet<>();
            for (Map<String, Object> document : documents) {
                blocks(document, "variable").forEach((name, body) -> requireDescription(dir, "variable", name, body));
                blocks(document, "output").forEach((name, body) -> requireDescription(dir, "output", name, body));
                for (String kind : List.of("resource", "data")) {
                    blocks(document, kind)
                            .keySet()
                            .forEach(type -> usedProviders.add(type.substring(0, type.indexOf('_'))));
                }
                Object terraform = unwrap(document.get("terraform"));
                if (terraform instanceof Map<?, ?> settings) {
                    requiredVersion |= settings.get("required_version") != null;
                    Object required = unwrap(settings.get("required_providers"));
                    if (required instanceof Map<?, ?> map) {
                        map.forEach((name, spec) -> providers.put(String.valueOf(name), unwrap(spec)));
                    }
                }
            }
            if (!Files.exists(dir.resolve("README.md"))) {
                violations.add(dir + ": has no README.md");
            }
            if (!requiredVersion) {
                violations.add(dir + ": terraform.required_version is not set");
            }
            providers.forEach((name, spec) -> {
                Object version = spec instanceof Map<?, ?> m ? m.get("version") : null;
                Object source = spec instanceof Map<?, ?> m ? m.get("source") : null;
                if (source == null) {
                    violations.add(dir + ": provider " + name + " has no source");
                }
                if (version == null
                        || !EXACT_VERSION.matcher(String.valueOf(version)).matches()) {
                    violations.add(dir + ": provider " + name + " is not pinned to an exact version (" + version + ")");
                }
            });
            usedProviders.stream()
                    .filter(p -> !providers.containsKey(p) && !BUILT_IN.contains(p))
                    .forEach(p -> violations.add(dir + ": provider " + p + " is used but not in required_providers"));
        });
    }

    private void requireDescription(Path dir, String kind, String name, Object body) {
        Object description = body instanceof Map<?, ?> map ? unwrap(map.get("description")) : null;
        if (description == null || String.valueOf(description).isBlank()) {
            violations.add(dir + ": " + kind + " \"" + name + "\" has no description");
        }
    }

    private void checkFormat(Path root) {
        if (!onPath("terraform")) {
            checksRun.add("terraform fmt skipped: no terraform binary on this machine");
            return;
        }
        Result fmt = exec(
                List.of(
                        "terraform",
                        "fmt",
                        "-check",
                        "-recursive",
                        "-diff",
                        root.toAbsolutePath().toString()),
                root);
        checksRun.add("terraform fmt -check -recursive");
        if (fmt.exitCode() != 0) {
            violations.add("terraform fmt -check failed:\n" + fmt.stdout() + fmt.stderr());
        }
    }

    /** Block bodies by name, e.g. variable "x" {...}: {x: body}; resources by type, e.g. {kubernetes_manifest: ...}. */
    private static Map<String, Object> blocks(Map<String, Object> document, String kind) {
        Object blocks = document.get(kind);
        if (blocks instanceof List<?> list) { // hcl2json: several blocks of one kind in one file
            Map<String, Object> merged = new LinkedHashMap<>();
            list.forEach(item -> {
                if (item instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> merged.put(String.valueOf(k), unwrap(v)));
                }
            });
            return merged;
        }
        if (blocks instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), unwrap(v)));
            return result;
        }
        return Map.of();
    }

    /** hcl2json wraps every block body in a list. */
    private static Object unwrap(Object value) {
        return value instanceof List<?> list && list.size() == 1 ? unwrap(list.get(0)) : value;
    }

    /** Node.js and npm are on the path, and the parser is installed (it is installed here if missing). */
    static boolean parserAvailable() {
        if (!onPath("node") || !onPath("npm")) {
            return false;
        }
        if (Files.exists(TOOLS.resolve("node_modules/@cdktf/hcl2json"))) {
            return true;
        }
        Result install = exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--silent"), TOOLS);
        return install.exitCode() == 0 && Files.exists(TOOLS.resolve("node_modules/@cdktf/hcl2json"));
    }

    private static boolean onPath(String command) {
        return exec(List.of("sh", "-c", "command -v " + command), Path.of(".")).exitCode() == 0;
    }

    record Result(int exitCode, String stdout, String stderr) {}

    private static Result exec(List<String> command, Path directory) {
        try {
            Path out = Files.createTempFile("tfcheck", ".out");
            Path err = Files.createTempFile("tfcheck", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "", String.join(" ", command) + " timed out");
            }
            Result result = new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }

    static String describe(Report report) {
        return report.checksRun().stream().collect(Collectors.joining("; ", "checks run: ", ""));
    }
}
