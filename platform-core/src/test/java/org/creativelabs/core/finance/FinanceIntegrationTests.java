package org.creativelabs.core.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.creativelabs.core.support.Api;
import org.creativelabs.core.support.LabApiTest;
import org.creativelabs.core.support.LabDatabase;
import org.creativelabs.core.support.TestAccounts;
import org.creativelabs.core.support.TestLabs;
import org.creativelabs.core.tenancy.Lab;
import org.creativelabs.devstack.TestKeycloak;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Self-financing (issue 11, "Self-financing"): plan fees and space use charged once a month, payments once per
 * receipt, subsidies, a resident's balance, and the lab's self-financing ratio as exact decimals in som; erasure keeps
 * the amounts.
 */
class FinanceIntegrationTests extends LabApiTest {

    Lab lab;
    String base;
    String resident;
    String residentSubject;
    UUID membership;

    @BeforeEach
    void setUp() {
        lab = labs.createServing("finance");
        base = "/api/labs/" + lab.slug();
        String user = TestKeycloak.createUser("resident");
        residentSubject = TestAccounts.subject(user);
        membership = labs.seat(lab, residentSubject, "resident");
        resident = TestAccounts.tokenOf(user);
    }

    @Test
    void aMonthChargesPlanFeesAndSpaceUseOncePaymentsAndSubsidiesMakeTheBalance() {
        UUID plan = UUID.fromString(api.post(
                        base + "/plans",
                        Map.of("name", "Graduate renting space", "monthlyBookingHours", 60, "monthlyFeeKgs", 1500))
                .json()
                .get("id")
                .asString());
        JsonNode current =
                api.get(base + "/memberships?role=resident").json().get("items").get(0);
        assertThat(api.put(
                                base + "/memberships/" + membership,
                                Map.of(
                                        "roles",
                                        List.of("resident"),
                                        "active",
                                        true,
                                        "planId",
                                        plan,
                                        "version",
                                        current.get("version").asLong()))
                        .status())
                .isEqualTo(200);
        Api.Reply studio = api.post(
                base + "/spaces",
                Map.of("name", "Felt studio", "kind", "STUDIO", "capacity", 6, "hourlyPriceKgs", 120.50));
        String space = studio.json().get("id").asString();
        assertThat(api.as(resident)
                        .post(
                                base + "/spaces/" + space + "/bookings",
                                Map.of(
                                        "startsAt",
                                        TestLabs.tomorrowAt(10).toString(),
                                        "endsAt",
                                        TestLabs.tomorrowAt(12).toString()))
                        .status())
                .isEqualTo(201);
        YearMonth month = YearMonth.from(TestLabs.tomorrowAt(10).atZone(TestLabs.BISHKEK));

        JsonNode run = api.post(base + "/finance/charges/run", Map.of("month", month.toString()))
                .json();
        assertThat(run.get("planFees").asInt()).isEqualTo(1);
        assertThat(run.get("spaceUse").asInt()).isEqualTo(1);
        JsonNode again = api.post(base + "/finance/charges/run", Map.of("month", month.toString()))
                .json();
        assertThat(again.get("planFees").asInt() + again.get("spaceUse").asInt())
                .as("running the month again charges nothing twice")
                .isZero();

        Map<String, Object> payment = Map.of(
                "membershipId",
                membership,
                "amountKgs",
                1000,
                "method",
                "CASH",
                "receiptNo",
                "OSH-0001",
                "paidOn",
                java.time.LocalDate.now().toString());
        Api.Reply paid = api.post(base + "/finance/payments", payment);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        Api.Reply twice = api.post(base + "/finance/payments", payment);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("urn:problem:receipt-recorded");
        assertThat(api.post(
                                base + "/finance/subsidies",
                                Map.of(
                                        "membershipId",
                                        membership,
                                        "amountKgs",
                                        "500.00",
                                        "reason",
                                        "First cohort",
                                        "grantedOn",
                                        java.time.LocalDate.now().toString()))
                        .status())
                .isEqualTo(201);

        // 1500 + 2 h × 120.50 = 1741.00 charged; 1000 paid and 500 given: -241.00.
        JsonNode mine = api.as(resident).get(base + "/finance/mine").json();
        assertThat(mine.get("balance").get("chargedKgs").decimalValue()).isEqualByComparingTo("1741.00");
        assertThat(mine.get("balance").get("balanceKgs").decimalValue()).isEqualByComparingTo("-241.00");
        assertThat(mine.get("entries").size()).isEqualTo(4);
        assertThat(api.as(resident).get(base + "/finance/balances").status()).isEqualTo(403);
        assertThat(api.get(base + "/finance/balances")
                        .json()
                        .get(0)
                        .get("membershipId")
                        .asString())
                .isEqualTo(membership.toString());
    }

    @Test
    void theSelfFinancingRatioIsResidentsPaymentsOverTheLabsCosts() {
        YearMonth month = YearMonth.now(TestLabs.BISHKEK);
        for (String[] cost : new String[][] {{"RENT", "20000"}, {"UTILITIES", "4000.50"}}) {
            assertThat(api.post(
                                    base + "/finance/costs",
                                    Map.of("month", month.toString(), "category", cost[0], "amountKgs", cost[1]))
                            .status())
                    .isEqualTo(201);
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(api.post(
                                    base + "/finance/payments",
                                    Map.of(
                                            "membershipId",
                                            membership,
                                            "amountKgs",
                                            "1500.00",
                                            "method",
                                            i == 1 ? "CASH" : "TRANSFER",
                                            "receiptNo",
                                            "R-" + i,
                                            "paidOn",
                                            java.time.LocalDate.now(TestLabs.BISHKEK)
                                                    .toString()))
                            .status())
                    .isEqualTo(201);
        }
        String path = base + "/finance/self-financing?from=" + month + "&to=" + month;
        JsonNode ratio = api.get(path).json();
        assertThat(ratio.get("incomeKgs").decimalValue()).isEqualByComparingTo("4500.00");
        assertThat(ratio.get("costsKgs").decimalValue()).isEqualByComparingTo("24000.50");
        assertThat(ratio.get("ratio").decimalValue()).isEqualByComparingTo("0.1875");

        // Erasing the resident keeps the lab's income (the ratio) and drops who paid.
        assertThat(api.as(resident).post(base + "/memberships/me/erasure", null).status())
                .isEqualTo(200);
        assertThat(LabDatabase.columnsContaining(lab, residentSubject)).isEmpty();
        assertThat(api.get(path).json().get("ratio").decimalValue()).isEqualByComparingTo("0.1875");

        Api.Reply backwards = api.get(base + "/finance/self-financing?from=2026-12&to=2026-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("from");
    }
}
