package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.support.Repositories;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Must-show 1: what is written in lab A is invisible from lab B, through every lab endpoint and every
 * repository. Both lists are discovered from the running application, so a new endpoint or repository
 * without a case here fails {@link #everyLabEndpointHasACrossLabCase()} / {@link #everyRepositoryHasAFixture()}.
 */
class CrossLabIsolationIntegrationTests extends LabApiTest {

    /** Per endpoint: given lab A (holding one space), lab B and A's space id, call B and check A stays unseen. */
    private static final Map<String, Case> ENDPOINTS = Map.of(
            "GET /api/labs/{slug}/spaces", (t, id) -> {
                assertThat(t.api.get(t.spaces(t.b)).json().get("totalItems").asInt()).isZero();
                assertThat(t.api.get(t.spaces(t.a)).json().get("totalItems").asInt()).isEqualTo(1);
            },
            "POST /api/labs/{slug}/spaces", (t, id) -> {
                // The same name in another lab is no conflict: the labs share nothing.
                Api.Reply created = t.api.post(t.spaces(t.b), Map.of("name", "Studio of A", "kind", "ROOM", "capacity", 2));
                assertThat(created.status()).isEqualTo(201);
                assertThat(t.api.get(t.spaces(t.a)).json().get("totalItems").asInt()).isEqualTo(1);
                assertThat(t.api.get(t.spaces(t.a) + "/" + created.json().get("id").asString()).status()).isEqualTo(404);
            },
            "GET /api/labs/{slug}/spaces/{id}", (t, id) -> {
                assertThat(t.api.get(t.spaces(t.b) + "/" + id).status()).isEqualTo(404);
                assertThat(t.api.get(t.spaces(t.a) + "/" + id).status()).isEqualTo(200);
            },
            "PUT /api/labs/{slug}/spaces/{id}", (t, id) -> {
                Api.Reply put = t.api.put(t.spaces(t.b) + "/" + id,
                        Map.of("name", "Taken over", "kind", "ROOM", "capacity", 1, "version", 0));
                assertThat(put.status()).isEqualTo(404);
                assertThat(t.api.get(t.spaces(t.a) + "/" + id).json().get("name").asString()).isEqualTo("Studio of A");
            },
            "DELETE /api/labs/{slug}/spaces/{id}", (t, id) -> {
                assertThat(t.api.delete(t.spaces(t.b) + "/" + id).status()).isEqualTo(404);
                assertThat(t.api.get(t.spaces(t.a) + "/" + id).status()).isEqualTo(200);
            });

    /** Per entity: how to create one in a lab through the API (returns its id). */
    private static final Map<String, BiFunction<CrossLabIsolationIntegrationTests, Lab, UUID>> FIXTURES = Map.of(
            "Space", (t, lab) -> t.labs.createSpace(lab, "Studio of " + lab.slug()));


    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Lab a;
    Lab b;

    @BeforeEach
    void setUp() {
        a = labs.createServing("lab-a");
        b = labs.createServing("lab-b");
    }

    @Test
    void everyLabEndpointHasACrossLabCase() {
        assertThat(labEndpoints()).isNotEmpty();
        assertThat(ENDPOINTS.keySet()).as("cross-lab cases; add one for each new lab endpoint")
                .containsAll(labEndpoints());
    }

    @TestFactory
    Stream<DynamicTest> labBNeverSeesLabAThroughAnyEndpoint() {
        return labEndpoints().stream().filter(ENDPOINTS::containsKey).map(endpoint -> DynamicTest.dynamicTest(endpoint, () -> {
            Lab freshA = labs.createServing("lab-a");
            Lab freshB = labs.createServing("lab-b");
            a = freshA;
            b = freshB;
            UUID id = UUID.fromString(api.post(spaces(a), Map.of("name", "Studio of A", "kind", "STUDIO", "capacity", 6))
                    .json().get("id").asString());
            ENDPOINTS.get(endpoint).check(this, id);
        }));
    }

    @Test
    void everyRepositoryHasAFixture() {
        assertThat(entityNames()).isNotEmpty();
        assertThat(FIXTURES.keySet()).as("repository fixtures; add one for each new entity").containsAll(entityNames());
    }

    @TestFactory
    Stream<DynamicTest> labBNeverSeesLabAThroughAnyRepository() {
        Repositories repositories = new Repositories(context);
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> domainType : repositories) {
            String name = domainType.getSimpleName();
            if (!FIXTURES.containsKey(name)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            CrudRepository<Object, UUID> repository = (CrudRepository<Object, UUID>) repositories
                    .getRepositoryFor(domainType).orElseThrow();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                UUID id = FIXTURES.get(name).apply(this, a);
                TenantContext.runAs(a, () -> {
                    assertThat(repository.count()).isEqualTo(1);
                    assertThat(repository.findById(id)).isPresent();
                });
                TenantContext.runAs(b, () -> {
                    assertThat(repository.count()).isZero();
                    assertThat(repository.findAll()).isEmpty();
                    assertThat(repository.findById(id)).isEmpty();
                    assertThat(repository.existsById(id)).isFalse();
                });
            }));
        }
        return tests.stream();
    }

    private Set<String> labEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/labs/{slug}"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> endpoints.add(method.name() + " " + pattern))));
        return endpoints;
    }

    private Set<String> entityNames() {
        Set<String> names = new TreeSet<>();
        new Repositories(context).forEach(type -> names.add(type.getSimpleName()));
        return names;
    }

    String spaces(Lab lab) {
        return "/api/labs/" + lab.slug() + "/spaces";
    }

    @FunctionalInterface
    interface Case {
        void check(CrossLabIsolationIntegrationTests test, UUID idInLabA);
    }
}
