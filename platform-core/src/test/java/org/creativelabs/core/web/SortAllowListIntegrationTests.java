package org.creativelabs.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.tenancy.Lab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.data.domain.Pageable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every paginated list, discovered from the running application, sorts only by the properties it names: a hidden field
 * (the directory's e-mail) or an unknown one is a 400 naming {@code sort}, never a 500 and never an ordering.
 */
class SortAllowListIntegrationTests extends LabApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    Lab lab;
    String event;
    String cohort;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("sorting");
        Api.Reply created = api.post(
                "/api/labs/" + lab.slug() + "/events",
                java.util.Map.of(
                        "title",
                        "Open day",
                        "startsAt",
                        org.creativelabs.core.support.TestLabs.tomorrowAt(10).toString(),
                        "endsAt",
                        org.creativelabs.core.support.TestLabs.tomorrowAt(12).toString(),
                        "capacity",
                        10));
        event = created.json().get("id").asString();
        String program = api.post(
                        "/api/labs/" + lab.slug() + "/programs",
                        java.util.Map.of("title", "Felt crafts basics", "kind", "COURSE", "enrolment", "DIRECT"))
                .json()
                .get("id")
                .asString();
        cohort = api.post(
                        "/api/labs/" + lab.slug() + "/programs/" + program + "/cohorts",
                        java.util.Map.of(
                                "name", "Spring", "startsOn", "2027-03-01", "endsOn", "2027-05-31", "capacity", 20))
                .json()
                .get("id")
                .asString();
    }

    @Test
    void everyPaginatedListNamesItsSortProperties() {
        assertThat(paginatedLists()).as("paginated lists").isNotEmpty();
        paginatedLists()
                .forEach((path, method) -> assertThat(pageable(method).hasParameterAnnotation(SortableBy.class))
                        .as(path + " needs @SortableBy on its Pageable")
                        .isTrue());
    }

    @Test
    void theDirectoryCannotBeOrderedByTheEmailItHides() {
        Api.Reply probe = api.get("/api/labs/" + lab.slug() + "/profiles?sort=email");
        assertThat(probe.status()).as(probe.toString()).isEqualTo(400);
        assertThat(probe.isProblem()).isTrue();
        assertThat(probe.json().get("errors").get(0).get("field").asString()).isEqualTo("sort");
        assertThat(probe.json().get("detail").asString()).contains("displayName");
    }

    @TestFactory
    Stream<DynamicTest> eachListAcceptsItsPropertiesAndRefusesAllOthers() {
        List<DynamicTest> tests = new ArrayList<>();
        paginatedLists().forEach((pattern, method) -> {
            String path = pattern.replace("{slug}", lab.slug())
                    .replace("{id}", pattern.contains("/cohorts/{id}") ? cohort : event);
            assertThat(path)
                    .as("a list with other path variables needs a fixture here")
                    .doesNotContain("{");
            for (String allowed :
                    pageable(method).getParameterAnnotation(SortableBy.class).value()) {
                tests.add(DynamicTest.dynamicTest(pattern + " by " + allowed, () -> {
                    assertThat(api.get(path + "?sort=" + allowed).status()).isEqualTo(200);
                    assertThat(api.get(path + "?sort=" + allowed + ",desc").status())
                            .isEqualTo(200);
                }));
            }
            for (String refused :
                    List.of("email", "nope", "subject", "name,,drop", "desc", "id;select", "name,asc,desc")) {
                tests.add(DynamicTest.dynamicTest(pattern + " refuses " + refused, () -> {
                    Api.Reply reply = api.get(path + "?sort="
                            + java.net.URLEncoder.encode(refused, java.nio.charset.StandardCharsets.UTF_8));
                    if (reply.status() == 200) {
                        // "name,,drop": only possible when every part is allowed; never for the parts above otherwise.
                        throw new AssertionError(pattern + " accepted sort=" + refused);
                    }
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
                    assertThat(reply.isProblem()).isTrue();
                    assertThat(reply.json().get("errors").get(0).get("field").asString())
                            .isEqualTo("sort");
                }));
            }
        });
        return tests.stream();
    }

    private Map<String, HandlerMethod> paginatedLists() {
        Map<String, HandlerMethod> lists = new java.util.TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            if (pageable(entry.getValue()) != null) {
                entry.getKey().getPatternValues().forEach(p -> lists.put(p, entry.getValue()));
            }
        }
        return lists;
    }

    private static MethodParameter pageable(HandlerMethod method) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (Pageable.class.isAssignableFrom(parameter.getParameterType())) {
                return parameter;
            }
        }
        return null;
    }
}
