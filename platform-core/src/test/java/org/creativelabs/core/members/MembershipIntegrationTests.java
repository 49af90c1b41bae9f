package org.creativelabs.core.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.Test;

class MembershipIntegrationTests extends LabApiTest {

    @Test
    void deactivatingAMembershipTakesEffectOnTheNextRequestEvenWithAValidToken() {
        Lab lab = labs.createServing("deact");
        String resident = TestKeycloak.createUser("resident");
        var membershipId = labs.seat(lab, TestAccounts.subject(resident), "resident");
        String token = TestAccounts.tokenOf(resident);
        String spaces = "/api/labs/" + lab.slug() + "/spaces";
        assertThat(api.as(token).get(spaces).status()).isEqualTo(200);

        long version = api.get("/api/labs/" + lab.slug() + "/memberships").json().get("items").valueStream()
                .filter(m -> m.get("id").asString().equals(membershipId.toString())).findFirst().orElseThrow()
                .get("version").asLong();
        Api.Reply deactivated = api.put("/api/labs/" + lab.slug() + "/memberships/" + membershipId,
                Map.of("roles", List.of("resident"), "active", false, "version", version));
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);

        Api.Reply refused = api.as(token).get(spaces);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void anyoneWithAnAccountCanApplyOnceAndStaffSeeTheApplication() {
        Lab lab = labs.createServing("apply");
        String person = TestKeycloak.createUser("applicant");
        Api asPerson = api.as(TestAccounts.tokenOf(person));
        String applications = "/api/labs/" + lab.slug() + "/membership-requests";

        assertThat(asPerson.get("/api/labs/" + lab.slug() + "/spaces").status()).isEqualTo(403);
        Api.Reply applied = asPerson.post(applications, null);
        assertThat(applied.status()).isEqualTo(201);
        assertThat(asPerson.post(applications, null).status()).as("applying again changes nothing").isEqualTo(200);
        assertThat(api.get("/api/labs/" + lab.slug() + "/memberships").body())
                .contains(TestAccounts.subject(person)).contains("applicant");
    }

    @Test
    void invalidMembershipInputIsA400() {
        Lab lab = labs.createServing("badmember");
        String memberships = "/api/labs/" + lab.slug() + "/memberships";
        assertThat(api.post(memberships, Map.of("subject", "x", "roles", List.of("queen"))).status()).isEqualTo(400);
        assertThat(api.post(memberships, Map.of("subject", "", "roles", List.of("resident"))).status()).isEqualTo(400);
        assertThat(api.post(memberships, Map.of("subject", "x", "roles", List.of())).status()).isEqualTo(400);
        assertThat(api.post(memberships, Map.of("subject", "x".repeat(300), "roles", List.of("resident"))).status()).isEqualTo(400);
    }
}
