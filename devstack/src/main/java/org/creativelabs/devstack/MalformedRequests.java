package org.creativelabs.devstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a service's endpoints with malformed path values, query parameters and headers (bodies have their own
 * matrices), over a raw socket so that even invalid encodings are sent. A service passes when no answer is a 5xx and
 * every error is problem+json; {@link Report#failures()} lists the requests that were not.
 */
public final class MalformedRequests {

    /** An endpoint as its service maps it, e.g. {@code POST /api/labs/{slug}/spaces}, with its query parameters. */
    public record Endpoint(String method, String pattern, Set<String> queryParameters) {}

    public record Report(int endpoints, int requests, int serverErrors, List<String> failures) {

        @Override
        public String toString() {
            return endpoints + " endpoints, " + requests + " requests, " + serverErrors + " answered 5xx";
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** Path values: not a UUID, non-canonical UUID, bad and odd encodings, injection, path tricks, huge. */
    private static final List<String> PATH_VALUES = List.of(
            "not-a-uuid",
            "1-1-1-1-1",
            "%00",
            "%ZZ",
            "%",
            "%2e%2e",
            "..%2f..%2finternal",
            "%D0%BE%D1%88",
            "%27%20OR%20%271%27%3D%271",
            "-1",
            "%F0%9F%98%80",
            "a;b=c",
            "x".repeat(3000),
            "00000000-0000-0000-0000-000000000000",
            "%2Fapi%2Flabs");

    private static final List<String> QUERY_VALUES = List.of(
            "%ZZ", "%00", "", "-1", "2026-13-45", "99999999999999999999", "x".repeat(3000), "%27%3B--", "true%00");

    private static final List<Map<String, String>> HEADERS = List.of(
            Map.of("Idempotency-Key", "k".repeat(500)),
            Map.of("Idempotency-Key", ""),
            Map.of("Accept-Language", "!!;q=abc,,"),
            Map.of("Accept-Language", "x".repeat(2000)),
            Map.of("Content-Type", "application/json; charset=klingon"),
            Map.of("Content-Type", "text/plain"),
            Map.of("Content-Type", "multipart/form-data; boundary="),
            Map.of("Accept", "application/xml"),
            Map.of("Accept", "*/*;q=nope"),
            Map.of("If-None-Match", "\"unterminated"),
            Map.of("X-Lab", "batken", "X-Tenant-Id", "00000000-0000-0000-0000-000000000001"));

    private MalformedRequests() {}

    /**
     * @param validValue a valid value for a path variable (e.g. a real lab's slug), used for the variables not under test
     * @param tokenForPath the bearer token to send on a path, or null for none
     */
    public static Report drive(
            int port,
            Collection<Endpoint> endpoints,
            Function<String, String> validValue,
            Function<String, String> tokenForPath) {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        int serverErrors = 0;
        for (Endpoint endpoint : endpoints) {
            List<String> targets = new ArrayList<>();
            Matcher variables = VARIABLE.matcher(endpoint.pattern());
            while (variables.find()) {
                for (String value : PATH_VALUES) {
                    targets.add(fill(endpoint.pattern(), validValue, variables.group(1), value));
                }
            }
            String valid = fill(endpoint.pattern(), validValue, null, null);
            for (String parameter : endpoint.queryParameters()) {
                for (String value : QUERY_VALUES) {
                    targets.add(valid + "?" + parameter + "=" + value);
                }
            }
            targets.add(valid + "?page=-1&size=99999");
            targets.add(valid + "?page=abc&size=%ZZ");
            targets.add(valid + "?%ZZ=1");
            targets.add(valid + "?sort=%00");
            for (String target : targets) {
                requests++;
                serverErrors += check(port, endpoint.method(), target, Map.of(), tokenForPath, failures);
            }
            for (Map<String, String> headers : HEADERS) {
                requests++;
                serverErrors += check(port, endpoint.method(), valid, headers, tokenForPath, failures);
            }
        }
        return new Report(endpoints.size(), requests, serverErrors, failures);
    }

    private static int check(
            int port,
            String method,
            String target,
            Map<String, String> extra,
            Function<String, String> tokenForPath,
            List<String> failures) {
        Map<String, String> headers = new LinkedHashMap<>();
        String token = tokenForPath.apply(target);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (!method.equals("GET") && !extra.containsKey("Content-Type")) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(extra);
        String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
        RawHttp.Answer answer = RawHttp.send(port, method, target, headers, body);
        String shown =
                method + " " + (target.length() > 120 ? target.substring(0, 120) + "…" : target) + " " + extra.keySet()
                        + " -> " + answer.status() + " " + answer.contentType() + " "
                        + (answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body());
        if (answer.status() >= 500) {
            failures.add(shown);
            return 1;
        }
        if (answer.status() >= 400 && !answer.isProblem()) {
            failures.add(shown);
        }
        return 0;
    }

    private static String fill(String pattern, Function<String, String> validValue, String variable, String value) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            matcher.appendReplacement(
                    path, Matcher.quoteReplacement(name.equals(variable) ? value : validValue.apply(name)));
        }
        matcher.appendTail(path);
        return path.toString();
    }
}
