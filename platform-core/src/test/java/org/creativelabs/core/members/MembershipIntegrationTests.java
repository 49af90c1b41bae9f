package org.creativelabs.core.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
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

        long version = api.get("/api/labs/" + lab.slug() + "/memberships")
                .json()
                .get("items")
                .valueStream()
                .filter(m -> m.get("id").asString().equals(membershipId.toString()))
                .findFirst()
                .orElseThrow()
                .get("version")
                .asLong();
        Api.Reply deactivated = api.put(
                "/api/labs/" + lab.slug() + "/memberships/" + membershipId,
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
        assertThat(asPerson.post(applications, null).status())
                .as("applying again changes nothing")
                .isEqualTo(200);
        assertThat(api.get("/api/labs/" + lab.slug() + "/memberships").body())
                .contains(TestAccounts.subject(person))
                .contains("applicant");
    }

    @Test
    void staffApproveAnApplicantIntoAResidentWithTheRolesStaffMayGrant() {
        Lab lab = labs.createServing("approve");
        String base = "/api/labs/" + lab.slug();
        String person = TestKeycloak.createUser("applicant");
        Api asPerson = api.as(TestAccounts.tokenOf(person));
        String id = asPerson.post(base + "/membership-requests", null)
                .json()
                .get("id")
                .asString();
        String staff = TestKeycloak.createUser("staff");
        labs.seat(lab, TestAccounts.subject(staff), "staff");
        Api asStaff = api.as(TestAccounts.tokenOf(staff));

        Api.Reply applicants = asStaff.get(base + "/memberships?role=applicant");
        assertThat(applicants.json().get("totalItems").asInt())
                .as(applicants.toString())
                .isEqualTo(1);
        assertThat(asStaff.get(base + "/memberships?role=resident")
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
        // Until approved, an applicant sees only their own application: no calendars, directory or plans.
        UUID space = labs.createSpace(lab, "Loom");
        for (String memberOnly : List.of(
                "/spaces",
                "/spaces/" + space,
                "/spaces/" + space + "/bookings",
                "/profiles",
                "/plans",
                "/bookings/mine")) {
            Api.Reply refused = asPerson.get(base + memberOnly);
            assertThat(refused.status())
                    .as("applicant: GET " + memberOnly + " " + refused)
                    .isEqualTo(403);
            assertThat(refused.isProblem()).isTrue();
        }
        assertThat(asPerson.post(
                                base + "/spaces/" + space + "/bookings",
                                Map.of(
                                        "startsAt",
                                        TestLabs.tomorrowAt(10).toString(),
                                        "endsAt",
                                        TestLabs.tomorrowAt(11).toString()))
                        .status())
                .as("nor books")
                .isEqualTo(403);
        assertThat(asPerson.get(base + "/memberships/me")
                        .json()
                        .get("roles")
                        .get(0)
                        .asString())
                .isEqualTo("applicant");
        String mirrored = "/internal/tenants/" + lab.id() + "/members";
        assertThat(api.get(mirrored).body())
                .as("not mirrored into the organization before approval")
                .doesNotContain(TestAccounts.subject(person));

        Api.Reply tooMuch =
                asStaff.post(base + "/memberships/" + id + "/approve", Map.of("roles", List.of("staff"), "version", 0));
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("roles");
        Api.Reply approved = asStaff.post(
                base + "/memberships/" + id + "/approve", Map.of("roles", List.of("resident"), "version", 0));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("roles").get(0).asString()).isEqualTo("resident");
        assertThat(asStaff.post(
                                base + "/memberships/" + id + "/approve",
                                Map.of(
                                        "roles",
                                        List.of("mentor"),
                                        "version",
                                        approved.json().get("version").asLong()))
                        .status())
                .as("only applications are approved")
                .isEqualTo(409);
        assertThat(asPerson.get(base + "/memberships/me")
                        .json()
                        .get("roles")
                        .get(0)
                        .asString())
                .isEqualTo("resident");
        assertThat(asPerson.get(base + "/spaces").status())
                .as("an approved resident sees spaces")
                .isEqualTo(200);
        assertThat(api.get(mirrored).body()).as("mirrored once approved").contains(TestAccounts.subject(person));
    }

    @Test
    void aDeclinedApplicantHasNoAccess() {
        Lab lab = labs.createServing("decline");
        String base = "/api/labs/" + lab.slug();
        String person = TestKeycloak.createUser("applicant");
        Api asPerson = api.as(TestAccounts.tokenOf(person));
        String id = asPerson.post(base + "/membership-requests", null)
                .json()
                .get("id")
                .asString();
        assertThat(api.post(base + "/memberships/" + id + "/decline", Map.of("version", 0))
                        .status())
                .isEqualTo(200);
        assertThat(asPerson.get(base + "/memberships/me").status()).isEqualTo(403);
        assertThat(api.get(base + "/memberships?active=false")
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void invalidMembershipInputIsA400() {
        Lab lab = labs.createServing("badmember");
        String memberships = "/api/labs/" + lab.slug() + "/memberships";
        assertThat(api.post(memberships, Map.of("subject", "x", "roles", List.of("queen")))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(memberships, Map.of("subject", "", "roles", List.of("resident")))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(memberships, Map.of("subject", "x", "roles", List.of()))
                        .status())
                .isEqualTo(400);
        assertThat(api.post(memberships, Map.of("subject", "x".repeat(300), "roles", List.of("resident")))
                        .status())
                .isEqualTo(400);
    }
}
