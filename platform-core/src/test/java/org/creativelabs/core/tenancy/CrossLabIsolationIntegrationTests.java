package org.creativelabs.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.support.Repositories;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Must-show 1: what is written in lab A is invisible from lab B, through every lab endpoint and every
 * repository. Both lists are discovered from the running application, so a new endpoint or repository
 * without a case here fails {@link #everyLabEndpointHasACrossLabCase()} / {@link #everyRepositoryHasAFixture()}.
 */
class CrossLabIsolationIntegrationTests extends LabApiTest {

    /** Per endpoint: given lab A (holding one space and one member), lab B and A's ids, call B and check A stays unseen. */
    private static final Map<String, Case> ENDPOINTS = Map.ofEntries(
            Map.entry("GET /api/labs/{slug}/spaces", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/spaces")).json().get("totalItems").asInt()).isZero();
                assertThat(t.api.get(t.path(t.a, "/spaces")).json().get("totalItems").asInt()).isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/spaces", (t, a) -> {
                // The same name in another lab is no conflict: the labs share nothing.
                Api.Reply created = t.api.post(t.path(t.b, "/spaces"), Map.of("name", "Studio of A", "kind", "ROOM", "capacity", 2));
                assertThat(created.status()).isEqualTo(201);
                assertThat(t.api.get(t.path(t.a, "/spaces")).json().get("totalItems").asInt()).isEqualTo(1);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + created.json().get("id").asString())).status()).isEqualTo(404);
            }),
            Map.entry("GET /api/labs/{slug}/spaces/{id}", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/spaces/" + a.spaceId())).status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId())).status()).isEqualTo(200);
            }),
            Map.entry("PUT /api/labs/{slug}/spaces/{id}", (t, a) -> {
                Api.Reply put = t.api.put(t.path(t.b, "/spaces/" + a.spaceId()),
                        Map.of("name", "Taken over", "kind", "ROOM", "capacity", 1, "version", 0));
                assertThat(put.status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId())).json().get("name").asString()).isEqualTo("Studio of A");
            }),
            Map.entry("DELETE /api/labs/{slug}/spaces/{id}", (t, a) -> {
                assertThat(t.api.delete(t.path(t.b, "/spaces/" + a.spaceId())).status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId())).status()).isEqualTo(200);
            }),
            Map.entry("GET /api/labs/{slug}/memberships", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/memberships")).body()).doesNotContain(a.memberSubject(), a.membershipId().toString());
                assertThat(t.api.get(t.path(t.a, "/memberships")).body()).contains(a.memberSubject());
            }),
            Map.entry("GET /api/labs/{slug}/memberships/me", (t, a) -> {
                String inA = t.api.get(t.path(t.a, "/memberships/me")).json().get("id").asString();
                String inB = t.api.get(t.path(t.b, "/memberships/me")).json().get("id").asString();
                assertThat(inB).isNotEqualTo(inA);
            }),
            Map.entry("POST /api/labs/{slug}/memberships", (t, a) -> {
                String newcomer = "newcomer-" + UUID.randomUUID();
                assertThat(t.api.post(t.path(t.b, "/memberships"), Map.of("subject", newcomer, "roles", List.of("resident"))).status())
                        .isEqualTo(201);
                assertThat(t.api.get(t.path(t.a, "/memberships")).body()).doesNotContain(newcomer);
            }),
            Map.entry("PUT /api/labs/{slug}/memberships/{id}", (t, a) -> {
                Api.Reply put = t.api.put(t.path(t.b, "/memberships/" + a.membershipId()),
                        Map.of("roles", List.of("lab-admin"), "active", true, "version", 0));
                assertThat(put.status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/memberships")).body()).contains("\"resident\"");
            }),
            Map.entry("GET /api/labs/{slug}/spaces/{spaceId}/bookings", (t, a) -> {
                assertThat(t.api.get(t.path(t.b, "/spaces/" + a.spaceId() + "/bookings")).status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId() + "/bookings")).json().size()).isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/spaces/{spaceId}/bookings", (t, a) -> {
                Api.Reply booked = t.api.post(t.path(t.b, "/spaces/" + a.spaceId() + "/bookings"), Map.of(
                        "startsAt", TestLabs.tomorrowAt(14).toString(), "endsAt", TestLabs.tomorrowAt(15).toString()));
                assertThat(booked.status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId() + "/bookings")).json().size()).isEqualTo(1);
            }),
            Map.entry("POST /api/labs/{slug}/bookings/{id}/cancel", (t, a) -> {
                assertThat(t.api.post(t.path(t.b, "/bookings/" + a.bookingId() + "/cancel"), null).status()).isEqualTo(404);
                assertThat(t.api.get(t.path(t.a, "/spaces/" + a.spaceId() + "/bookings")).json().get(0).get("status").asString())
                        .isEqualTo("CONFIRMED");
            }),
            Map.entry("GET /api/labs/{slug}/public/branding", (t, a) -> {
                t.rename(t.a, "Women Creative Lab A");
                assertThat(t.api.anonymous().get(t.path(t.b, "/public/branding")).json().get("displayName").asString())
                        .isNotEqualTo("Women Creative Lab A");
            }),
            Map.entry("GET /api/labs/{slug}/public/branding/logo", (t, a) -> {
                assertThat(t.api.put(t.path(t.a, "/branding/logo"), TestLabs.png(64)).status()).isEqualTo(200);
                assertThat(t.api.anonymous().get(t.path(t.b, "/public/branding/logo")).status()).isEqualTo(404);
            }),
            Map.entry("PUT /api/labs/{slug}/branding", (t, a) -> {
                t.rename(t.b, "Lab B renamed");
                assertThat(t.api.get(t.path(t.a, "/public/branding")).json().get("displayName").asString()).isNotEqualTo("Lab B renamed");
            }),
            Map.entry("PUT /api/labs/{slug}/branding/logo", (t, a) -> {
                assertThat(t.api.put(t.path(t.b, "/branding/logo"), TestLabs.png(64)).status()).isEqualTo(200);
                assertThat(t.api.get(t.path(t.a, "/public/branding")).json().has("logoUrl")).isFalse();
            }),
            Map.entry("POST /api/labs/{slug}/membership-requests", (t, a) -> {
                // A member of A applies to B: an application in B, nothing changes in A.
                String member = TestKeycloak.createUser("wanderer");
                t.labs.seat(t.a, TestAccounts.subject(member), "resident");
                Api.Reply applied = t.api.as(TestAccounts.tokenOf(member)).post(t.path(t.b, "/membership-requests"), null);
                assertThat(applied.status()).isEqualTo(201);
                assertThat(applied.json().get("roles").get(0).asString()).isEqualTo("applicant");
                assertThat(t.api.as(TestAccounts.tokenOf(member)).get(t.path(t.a, "/memberships/me")).json().get("roles").get(0).asString())
                        .isEqualTo("resident");
            }));

    /** Per entity: how to create (or mark) one in a lab through the API, and how to recognise it afterwards. */
    private static final Map<String, BiFunction<CrossLabIsolationIntegrationTests, Lab, Predicate<Object>>> FIXTURES = Map.of(
            "Space", (t, lab) -> t.hasId(t.labs.createSpace(lab, "Studio of " + lab.slug())),
            "Membership", (t, lab) -> t.hasId(t.labs.seat(lab, "member-" + UUID.randomUUID(), "resident")),
            "Booking", (t, lab) -> t.hasId(t.labs.book(lab, t.labs.createSpace(lab, "Booked " + UUID.randomUUID()), 10)),
            // One row per lab, with the same key everywhere: recognised by what lab A wrote into it.
            "Branding", (t, lab) -> {
                String marker = "Branding of " + lab.slug();
                t.rename(lab, marker);
                return entity -> marker.equals(ReflectionTestUtils.getField(entity, "displayName"));
            });

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
            a = labs.createServing("lab-a");
            b = labs.createServing("lab-b");
            UUID space = UUID.fromString(api.post(path(a, "/spaces"), Map.of("name", "Studio of A", "kind", "STUDIO", "capacity", 6))
                    .json().get("id").asString());
            String subject = "member-of-a-" + UUID.randomUUID();
            UUID membership = labs.seat(a, subject, "resident");
            UUID booking = labs.book(a, space, 10);
            ENDPOINTS.get(endpoint).check(this, new InLabA(space, membership, subject, booking));
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
            CrudRepository<Object, Object> repository = (CrudRepository<Object, Object>) repositories
                    .getRepositoryFor(domainType).orElseThrow();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Predicate<Object> writtenInA = FIXTURES.get(name).apply(this, a);
                TenantContext.runAs(a, () -> assertThat(repository.findAll()).anyMatch(writtenInA));
                TenantContext.runAs(b, () -> assertThat(repository.findAll()).noneMatch(writtenInA));
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

    String path(Lab lab, String rest) {
        return "/api/labs/" + lab.slug() + rest;
    }

    private Predicate<Object> hasId(UUID id) {
        var units = context.getBean(jakarta.persistence.EntityManagerFactory.class).getPersistenceUnitUtil();
        return entity -> id.equals(units.getIdentifier(entity));
    }

    void rename(Lab lab, String displayName) {
        long version = api.get(path(lab, "/public/branding")).json().get("version").asLong();
        Api.Reply renamed = api.put(path(lab, "/branding"), Map.of("displayName", displayName, "primaryColor", "#6B2D5C",
                "accentColor", "#F2B134", "defaultLanguage", "ky", "timeZone", "Asia/Bishkek", "version", version));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    }

    record InLabA(UUID spaceId, UUID membershipId, String memberSubject, UUID bookingId) {
    }

    @FunctionalInterface
    interface Case {
        void check(CrossLabIsolationIntegrationTests test, InLabA inLabA);
    }
}
