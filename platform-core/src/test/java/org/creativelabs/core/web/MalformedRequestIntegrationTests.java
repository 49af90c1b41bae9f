package org.creativelabs.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.MalformedRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
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

    @Autowired
    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void noMalformedRequestToAnyEndpointIsA5xxAndEveryErrorIsAProblem() {
        Lab lab = labs.createServing("malformed");
        List<MalformedRequests.Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(40);
        MalformedRequests.Report report = MalformedRequests.drive(
                port,
                endpoints,
                variable ->
                        variable.equals("slug") ? lab.slug() : UUID.randomUUID().toString(),
                path -> path.startsWith("/internal/")
                        ? TestAccounts.provisionerToken()
                        : TestAccounts.tokenOf(TestAccounts.labAdmin()));
        System.out.println("Malformed-input test (platform-core): " + report);
        assertThat(report.failures())
                .as("malformed requests answered with a 5xx or without problem+json")
                .isEmpty();
        assertThat(report.serverErrors()).isZero();
    }

    /** Erasing oneself goes last: the caller is no member of the lab after it. */
    private List<MalformedRequests.Endpoint> endpoints() {
        List<MalformedRequests.Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            entry.getKey().getPatternValues().stream()
                    .filter(p -> p.startsWith("/api/") || p.startsWith("/internal/"))
                    .forEach(p -> entry.getKey()
                            .getMethodsCondition()
                            .getMethods()
                            .forEach(m -> endpoints.add(
                                    new MalformedRequests.Endpoint(m.name(), p, queryParameters(entry.getValue())))));
        }
        endpoints.sort(Comparator.comparing(
                        (MalformedRequests.Endpoint e) -> e.pattern().contains("/me/erasure"))
                .thenComparing(e -> e.method() + " " + e.pattern()));
        return endpoints;
    }

    private static Set<String> queryParameters(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                names.add(!param.name().isEmpty() ? param.name() : parameter.getParameterName());
            }
        }
        return names;
    }
}
