package org.creativelabs.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.RawHttp;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.tenancy.Lab;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the running application, driven with malformed path values, query parameters and headers (bodies
 * have their own matrix): no answer is a 5xx, and every error is problem+json. Endpoints are discovered, so a new one
 * is covered the day it is added.
 */
class MalformedRequestIntegrationTests extends LabApiTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** Path values: not a UUID, non-canonical UUID, bad and odd encodings, injection, path tricks, huge. */
    private static final List<String> PATH_VALUES = List.of("not-a-uuid", "1-1-1-1-1", "%00", "%ZZ", "%", "%2e%2e",
            "..%2f..%2finternal", "%D0%BE%D1%88", "%27%20OR%20%271%27%3D%271", "-1", "%F0%9F%98%80", "a;b=c", "x".repeat(3000),
            "00000000-0000-0000-0000-000000000000", "%2Fapi%2Flabs");

    private static final List<String> QUERY_VALUES = List.of("%ZZ", "%00", "", "-1", "2026-13-45", "99999999999999999999",
            "x".repeat(3000), "%27%3B--", "true%00");

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
            Map.of("X-Lab", "batken", "X-Tenant-Id", UUID.randomUUID().toString()));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void noMalformedRequestToAnyEndpointIsA5xxAndEveryErrorIsAProblem() {
        Lab lab = labs.createServing("malformed");
        Map<String, HandlerMethod> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(40);
        List<String> failures = new ArrayList<>();
        int requests = 0;
        int serverErrors = 0;
        for (Map.Entry<String, HandlerMethod> endpoint : endpoints.entrySet()) {
            String method = endpoint.getKey().substring(0, endpoint.getKey().indexOf(' '));
            String pattern = endpoint.getKey().substring(endpoint.getKey().indexOf(' ') + 1);
            List<String> targets = new ArrayList<>();
            Matcher variables = VARIABLE.matcher(pattern);
            while (variables.find()) {
                String variable = variables.group(1);
                for (String value : PATH_VALUES) {
                    targets.add(fill(pattern, lab, variable, value));
                }
            }
            String valid = fill(pattern, lab, null, null);
            for (String parameter : queryParameters(endpoint.getValue())) {
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
                serverErrors += check(method, target, Map.of(), failures);
            }
            for (Map<String, String> headers : HEADERS) {
                requests++;
                serverErrors += check(method, valid, headers, failures);
            }
        }
        System.out.printf("Malformed-input test (platform-core): %d endpoints, %d requests, %d answered 5xx%n",
                endpoints.size(), requests, serverErrors);
        assertThat(failures).as("malformed requests answered with a 5xx or without problem+json").isEmpty();
        assertThat(serverErrors).isZero();
    }

    private int check(String method, String target, Map<String, String> extra, List<String> failures) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + (target.startsWith("/internal/") ? TestAccounts.provisionerToken()
                : TestAccounts.tokenOf(TestAccounts.labAdmin())));
        if (!method.equals("GET") && !extra.containsKey("Content-Type")) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(extra);
        String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
        RawHttp.Answer answer = RawHttp.send(port, method, target, headers, body);
        String shown = method + " " + (target.length() > 120 ? target.substring(0, 120) + "…" : target) + " " + extra.keySet()
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

    private static String fill(String pattern, Lab lab, String variable, String value) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = name.equals(variable) ? value
                    : name.equals("slug") ? lab.slug() : UUID.randomUUID().toString();
            matcher.appendReplacement(path, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static Set<String> queryParameters(HandlerMethod method) {
        Set<String> names = new java.util.TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                names.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value() : parameter.getParameterName());
            }
        }
        return names;
    }

    private Map<String, HandlerMethod> endpoints() {
        // Erasing oneself goes last: the caller is no member of the lab after it.
        Map<String, HandlerMethod> endpoints = new TreeMap<>(java.util.Comparator
                .comparing((String e) -> e.contains("/me/erasure")).thenComparing(java.util.Comparator.naturalOrder()));
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            entry.getKey().getPatternValues().stream().filter(p -> p.startsWith("/api/") || p.startsWith("/internal/"))
                    .forEach(p -> entry.getKey().getMethodsCondition().getMethods()
                            .forEach(m -> endpoints.put(m.name() + " " + p, entry.getValue())));
        }
        return endpoints;
    }
}
