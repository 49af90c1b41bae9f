package org.creativelabs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.creativelabs.admin.provisioning.TenantAdminStack;
import org.creativelabs.devstack.MalformedRequests;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.realm.CreativeLabsRealm;
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
 * Every tenant-admin endpoint, driven with malformed path values, query parameters and headers, as a coordinator (and
 * as platform-core's service account on /internal): no answer is a 5xx, every error is problem+json.
 */
class MalformedRequestIntegrationTests extends TenantAdminStack {

    @Autowired
    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void noMalformedRequestToAnyEndpointIsA5xxAndEveryErrorIsAProblem() {
        String reporter = TestKeycloak.clientToken(CreativeLabsRealm.PLATFORM_CORE_CLIENT);
        List<MalformedRequests.Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            entry.getKey().getPatternValues().stream()
                    .filter(p -> p.startsWith("/api/")
                            || p.startsWith("/internal/")
                            || p.startsWith("/console")
                            || p.startsWith("/undp"))
                    .forEach(p -> entry.getKey()
                            .getMethodsCondition()
                            .getMethods()
                            .forEach(m -> endpoints.add(
                                    new MalformedRequests.Endpoint(m.name(), p, queryParameters(entry.getValue())))));
        }
        endpoints.sort(Comparator.comparing(e -> e.method() + " " + e.pattern()));
        assertThat(endpoints).hasSizeGreaterThan(10);
        // Valid values point at nothing that exists: the requests may be refused, never crash, and change nothing.
        MalformedRequests.Report report = MalformedRequests.drive(
                port,
                endpoints,
                variable -> variable.equals("slug")
                        ? "no-such-lab"
                        : variable.equals("name")
                                ? "no-such-template"
                                : UUID.randomUUID().toString(),
                path -> path.startsWith("/internal/") ? reporter : coordinator);
        System.out.println("Malformed-input test (tenant-admin): " + report);
        assertThat(report.failures())
                .as("malformed requests answered with a 5xx or without problem+json")
                .isEmpty();
        assertThat(report.serverErrors()).isZero();
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
