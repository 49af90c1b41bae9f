package org.creativelabs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.gateway.support.Chromium;
import org.creativelabs.gateway.support.PlatformStack;
import org.creativelabs.gateway.support.PlatformStack.OpenedLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The lab portal in real headless Chromium on a 360-pixel phone, through the gateway and its sign-in at the real
 * Keycloak, against the real services: a visitor registers for an event without an account and staff check her in
 * online and offline; a resident books a space, finds it under her bookings, reads the portal in Kyrgyz and is refused
 * every page of another lab; an applicant answers the lab's question and reads the decision while a blind reviewer
 * never sees who she is; a member downloads her data and erases her account. Every page is checked by axe-core and
 * photographed (target/screenshots); the home's and the bookings page's first loads are weighed.
 */
class PortalBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static PlatformStack stack;
    private static String gateway;
    private static String core;
    private static OpenedLab osh;
    private static OpenedLab batken;
    private static String staffToken;
    private static final AtomicInteger pagesChecked = new AtomicInteger();
    private static final AtomicInteger violations = new AtomicInteger();
    private static final AtomicLong homeBytes = new AtomicLong(-1);
    private static final AtomicLong bookingsBytes = new AtomicLong(-1);

    @BeforeAll
    static void platform() throws Exception {
        if (System.getenv("CLP_REQUIRE_BROWSER") == null) {
            assumeThat(Chromium.available())
                    .as("Chromium and ChromeDriver (Debian's chromium, chromium-driver)")
                    .isTrue();
        }
        stack = PlatformStack.shared();
        gateway = "http://localhost:" + stack.gatewayOn(stack.loginPorts.get(1));
        core = "http://127.0.0.1:" + stack.corePort;
        osh = stack.open("osh", "Osh");
        batken = stack.open("batken", "Batken");
        staffToken = stack.member(osh, "staff");
    }

    @AfterAll
    static void summary() {
        System.out.printf(
                "portal: home first load %d bytes compressed (budget 150 KB), my bookings first load %d bytes (budget 200"
                        + " KB), axe-core serious/critical violations on %d pages: %d%n",
                homeBytes.get(), bookingsBytes.get(), pagesChecked.get(), violations.get());
    }

    @Test
    void aVisitorRegistersWithoutAnAccountAndStaffCheckHerInOnlineAndOfflineAndTheAttendanceShows() throws Exception {
        UUID event = event("Pitch night " + UUID.randomUUID().toString().substring(0, 4));
        try (Chromium visitor = new Chromium()) {
            visitor.withoutCache();
            visitor.driver.get(gateway + "/labs/" + osh.slug() + "/?lang=en");
            homeBytes.set(visitor.transferredBytes());
            assertThat(homeBytes.get()).as("the home's first load").isLessThanOrEqualTo(150 * 1024);
            check(visitor, "portal-home");
            visitor.driver.findElement(By.linkText("See upcoming events")).click();
            check(visitor, "portal-events");
            visitor.driver
                    .findElement(By.cssSelector("a[href$='/portal/events/" + event + "']"))
                    .click();
            visitor.waiting(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("registration")));

            // Bad input: the field is named in her language, what she typed stays.
            visitor.driver.findElement(By.id("contact")).sendKeys("not a contact");
            visitor.driver
                    .findElement(By.cssSelector("#registration button[type=submit]"))
                    .click();
            visitor.waiting(WAIT).until(d -> d.findElement(By.id("name-error")).isDisplayed());
            assertThat(visitor.driver.findElement(By.id("name-error")).getText())
                    .startsWith("Your name:");
            assertThat(visitor.driver.findElement(By.id("contact-error")).getText())
                    .startsWith("Phone or e-mail:");
            assertThat(visitor.driver.findElement(By.id("contact")).getDomProperty("value"))
                    .isEqualTo("not a contact");
            check(visitor, "portal-event-invalid");

            visitor.driver.findElement(By.id("name")).sendKeys("Aida Visitor");
            visitor.driver.findElement(By.id("contact")).clear();
            visitor.driver.findElement(By.id("contact")).sendKeys("+996 555 123 456");
            visitor.driver.findElement(By.id("joinNetwork")).click();
            visitor.driver
                    .findElement(By.cssSelector("#registration button[type=submit]"))
                    .click();
            visitor.waiting(WAIT).until(d -> d.findElement(By.id("registered")).isDisplayed());
            visitor.waiting(WAIT)
                    .until(d ->
                            !d.findElements(By.cssSelector("#registered svg")).isEmpty());
            assertThat(visitor.driver.findElement(By.id("registered")).getText())
                    .contains("You have a seat.");
            assertThat(visitor.driver
                            .findElement(By.cssSelector("#registered .code"))
                            .getText())
                    .contains(".");
            assertThat(visitor.driver.getCurrentUrl()).doesNotContain("Aida").doesNotContain("555");
            check(visitor, "portal-event-registered");
        }
        // A second visitor registers by the API; she is checked in while the door phone is offline.
        register(event, "Bermet Offline");

        String staff = TestKeycloak.createUser(osh.slug() + "-admin");
        stack.seat(osh, staff, "lab-admin");
        try (Chromium door = new Chromium()) {
            door.signIn(gateway, staff, TestKeycloak.TEST_PASSWORD);
            // The lab's settings pages, and its logo uploaded from one of them.
            for (String page : List.of("programs", "spaces", "plans", "finance", "indicators", "branding")) {
                door.driver.get(gateway + "/labs/" + osh.slug() + "/portal/staff/" + page + "?lang=en");
                check(door, "portal-staff-" + page);
            }
            Path logo = Files.createTempFile("logo", ".png");
            java.awt.image.BufferedImage square =
                    new java.awt.image.BufferedImage(48, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
            javax.imageio.ImageIO.write(square, "png", logo.toFile());
            door.driver.findElement(By.id("logo-file")).sendKeys(logo.toString());
            WebElement upload = door.driver.findElement(By.cssSelector("#logo button"));
            upload.click();
            reloaded(door, upload);
            assertThat(door.driver.findElements(By.cssSelector(".brand img")))
                    .as("the logo in the header")
                    .hasSize(1);
            // An event planned from the staff page.
            door.driver.get(gateway + "/labs/" + osh.slug() + "/portal/staff/events");
            door.driver.findElement(By.id("event-title")).sendKeys("Open studio day");
            door.js()
                    .executeScript(
                            "document.getElementById('event-starts').value = arguments[0];"
                                    + "document.getElementById('event-ends').value = arguments[1];",
                            java.time.LocalDate.now().plusDays(10) + "T10:00",
                            java.time.LocalDate.now().plusDays(10) + "T13:00");
            door.driver.findElement(By.id("event-capacity")).sendKeys("25");
            WebElement add = door.driver.findElement(By.cssSelector("#new-event button"));
            add.click();
            reloaded(door, add);
            assertThat(door.driver.findElement(By.tagName("table")).getText()).contains("Open studio day");

            door.driver.get(gateway + "/labs/" + osh.slug() + "/portal/staff/members?lang=en");
            check(door, "portal-staff-members");
            door.driver.get(gateway + "/labs/" + osh.slug() + "/portal/staff/events");
            check(door, "portal-staff-events");
            door.driver
                    .findElement(By.cssSelector("a[href$='/portal/staff/events/" + event + "/check-in']"))
                    .click();
            door.waiting(WAIT)
                    .until(d -> d.findElement(By.id("roster")).getText().contains("Aida Visitor"));
            check(door, "portal-check-in");

            checkInByName(door, "Aida");
            door.waiting(WAIT)
                    .until(d -> d.findElement(By.id("connection")).getText().contains("All check-ins are sent."));
            assertThat(attendance(event).get("checkedInRegistrations").asInt()).isEqualTo(1);

            door.offline(true);
            checkInByName(door, "Bermet");
            door.waiting(WAIT)
                    .until(d -> d.findElement(By.id("connection")).getText().contains("Offline: 1 check-ins"));
            door.screenshot("portal-check-in-offline");
            assertThat(attendance(event).get("checkedInRegistrations").asInt())
                    .as("nothing reached the lab while offline")
                    .isEqualTo(1);

            door.offline(false);
            door.driver.findElement(By.id("sync")).click();
            door.waiting(WAIT)
                    .until(d -> d.findElement(By.id("connection")).getText().contains("All check-ins are sent."));
            door.waiting(WAIT)
                    .until(d -> d.findElement(By.id("attendance")).getText().startsWith("2 of 2"));
            assertThat(attendance(event).get("checkedInRegistrations").asInt()).isEqualTo(2);
            door.screenshot("portal-check-in-synced");
        }
    }

    @Test
    void aResidentBooksASpaceSeesItUnderHerBookingsReadsKyrgyzAndCannotOpenAnotherLabsPages() throws Exception {
        String space = "Felt studio " + UUID.randomUUID().toString().substring(0, 4);
        create("/spaces", Map.of("name", space, "kind", "STUDIO", "capacity", 4));
        String resident = TestKeycloak.createUser(osh.slug() + "-resident");
        stack.seat(osh, resident, "resident");
        try (Chromium browser = new Chromium()) {
            browser.signIn(gateway, resident, TestKeycloak.TEST_PASSWORD);
            browser.waiting(WAIT).until(d -> d.getCurrentUrl().endsWith("/labs/" + osh.slug() + "/"));
            browser.driver.get(gateway + "/labs/" + osh.slug() + "/portal/book?lang=en");
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("space")))
                    .selectByVisibleText(space);
            browser.driver.findElement(By.cssSelector("form.pick button")).click();
            browser.driver.findElement(By.linkText("Next week →")).click();
            check(browser, "portal-book");
            WebElement slot = browser.driver.findElement(By.cssSelector("button.slot"));
            String label = slot.getText();
            slot.click();
            reloaded(browser, slot);
            browser.waiting(WAIT)
                    .until(d ->
                            !d.findElements(By.cssSelector("span.slot.mine")).isEmpty());
            assertThat(browser.driver
                            .findElement(By.cssSelector("span.slot.mine"))
                            .getText())
                    .startsWith(label)
                    .endsWith("yours");
            browser.screenshot("portal-booked");

            browser.withoutCache();
            browser.driver.get(gateway + "/labs/" + osh.slug() + "/portal/bookings?month="
                    + java.time.YearMonth.now(java.time.ZoneId.of("Asia/Bishkek")));
            if (!browser.driver.getPageSource().contains(space)) {
                browser.driver.findElement(By.linkText("Next month →")).click();
            }
            bookingsBytes.set(browser.transferredBytes());
            assertThat(browser.driver.findElement(By.id("my-bookings")).getText())
                    .contains(space, "Confirmed");
            assertThat(bookingsBytes.get()).as("my bookings' first load").isLessThanOrEqualTo(200 * 1024);
            check(browser, "portal-bookings");

            browser.driver.get(gateway + "/labs/" + osh.slug() + "/portal/programs");
            check(browser, "portal-programs");

            browser.driver.get(gateway + "/labs/" + osh.slug() + "/portal/bookings?lang=ky");
            assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                    .isEqualTo("ky");
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Менин брондорум");
            browser.driver.get(gateway + "/labs/" + osh.slug() + "/portal/book");
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .as("Kyrgyz is remembered")
                    .isEqualTo("Орун брондоо");
            check(browser, "portal-book-ky");

            for (String page : List.of(
                    "/",
                    "/portal/book",
                    "/portal/bookings",
                    "/portal/funding",
                    "/portal/my-data",
                    "/portal/staff/events",
                    "/portal/staff/members",
                    "/portal/reviews")) {
                browser.driver.get(gateway + "/labs/" + batken.slug() + page);
                String shown = browser.driver.getPageSource();
                if (page.equals("/")) {
                    // another lab's public home is public; nothing of hers or of Osh's is on it
                    assertThat(shown).doesNotContain(space).contains(batken.slug());
                    continue;
                }
                assertThat(shown).as(page).contains("\"status\":403").doesNotContain(space);
            }
            browser.screenshot("portal-other-lab-refused");
        }
    }

    @Test
    void anApplicantAnswersTheLabsQuestionAndSeesTheDecisionWhileABlindReviewerNeverSeesWhoSheIs() throws Exception {
        String title = "Seed grants " + UUID.randomUUID().toString().substring(0, 4);
        create(
                "/funding-calls",
                Map.of(
                        "title",
                        title,
                        "budgetCeilingKgs",
                        60000,
                        "deadline",
                        Instant.now().plus(30, ChronoUnit.DAYS).toString(),
                        "blindReview",
                        true,
                        "rubric",
                        List.of(Map.of("name", "Idea", "weight", 60), Map.of("name", "Plan", "weight", 40))));
        String applicant = TestKeycloak.createUser(osh.slug() + "-nurgul");
        stack.seat(osh, applicant, "resident");
        String reviewer = TestKeycloak.createUser(osh.slug() + "-reviewer");
        stack.seat(osh, reviewer, "mentor");
        String staff = TestKeycloak.createUser(osh.slug() + "-staff");
        stack.seat(osh, staff, "staff");

        try (Chromium her = new Chromium();
                Chromium lab = new Chromium();
                Chromium blind = new Chromium()) {
            her.signIn(gateway, applicant, TestKeycloak.TEST_PASSWORD);
            her.driver.get(gateway + "/labs/" + osh.slug() + "/portal/funding?lang=en");
            WebElement call = her.driver.findElement(By.xpath("//article[h3='" + title + "']"));
            call.findElement(By.tagName("textarea")).sendKeys("A felt workshop for girls in Kara-Suu");
            call.findElement(By.cssSelector("input[name='budgetLines.0.item']")).sendKeys("Felting machine");
            call.findElement(By.cssSelector("input[name='budgetLines.0.amountKgs']"))
                    .sendKeys("45000");
            call.findElement(By.cssSelector("button[type=submit]")).click();
            reloaded(her, call);
            her.waiting(WAIT)
                    .until(d -> !d.findElements(By.cssSelector("article.application"))
                            .isEmpty());
            check(her, "portal-funding-draft");
            submitApplication(her);
            String applicationId = her.driver
                    .findElement(By.cssSelector("article.application"))
                    .getDomAttribute("data-application");

            lab.signIn(gateway, staff, TestKeycloak.TEST_PASSWORD);
            lab.driver.get(gateway + "/labs/" + osh.slug() + "/portal/staff/funding?lang=en");
            WebElement application =
                    lab.driver.findElement(By.cssSelector("[data-application='" + applicationId + "']"));
            application.findElement(By.cssSelector("textarea[name=question]")).sendKeys("Where will the workshop be?");
            application.findElement(By.xpath(".//button[text()='Ask']")).click();
            reloaded(lab, application);
            assertThat(lab.driver
                            .findElement(By.cssSelector("[data-application='" + applicationId + "'] [data-status]"))
                            .getText())
                    .contains("more information");
            check(lab, "portal-staff-funding");

            her.driver.navigate().refresh();
            assertThat(her.driver.findElement(By.cssSelector("[data-question]")).getText())
                    .isEqualTo("Where will the workshop be?");
            WebElement idea = her.driver.findElement(By.cssSelector("article.application textarea[name=businessIdea]"));
            idea.sendKeys(" — in the community centre of Kara-Suu");
            her.driver
                    .findElement(By.xpath("//article[contains(@class,'application')]//button[text()='Save']"))
                    .click();
            her.waiting(WAIT)
                    .until(d -> d.findElement(By.cssSelector("article.application .done"))
                            .isDisplayed());
            check(her, "portal-funding-answer");
            submitApplication(her);

            // Staff ask a reviewer by name on the funding page; blind review shows her the idea, never who applied.
            HttpResponse<String> named = PlatformStack.send(
                    "PUT",
                    core + "/api/labs/" + osh.slug() + "/profiles/me",
                    TestKeycloak.userToken(reviewer),
                    Map.of("displayName", "Saltanat Reviewer"));
            assertThat(named.statusCode()).as(named.body()).isIn(200, 201);
            lab.driver.navigate().refresh();
            WebElement toReview = lab.driver.findElement(By.cssSelector("[data-application='" + applicationId + "']"));
            new org.openqa.selenium.support.ui.Select(toReview.findElement(By.name("reviewerMembershipId")))
                    .selectByVisibleText("Saltanat Reviewer");
            toReview.findElement(By.xpath(".//button[text()='Ask to review']")).click();
            reloaded(lab, toReview);
            assertThat(lab.driver
                            .findElement(By.cssSelector("[data-application='" + applicationId + "'] [data-status]"))
                            .getText())
                    .isEqualTo("In review");
            blind.signIn(gateway, reviewer, TestKeycloak.TEST_PASSWORD);
            blind.driver.get(gateway + "/labs/" + osh.slug() + "/portal/reviews?lang=en");
            WebElement noConflict = blind.driver.findElement(By.xpath("//button[starts-with(text(),'No conflict')]"));
            noConflict.click();
            reloaded(blind, noConflict);
            blind.waiting(WAIT).until(d -> d.getPageSource().contains("Kara-Suu"));
            String seen = blind.driver.getPageSource();
            JsonNode herMembership = json(PlatformStack.send(
                    "GET",
                    core + "/api/labs/" + osh.slug() + "/memberships/me",
                    TestKeycloak.userToken(applicant),
                    null));
            assertThat(seen)
                    .doesNotContain(applicant)
                    .doesNotContain(TestKeycloak.subjectOf(applicant))
                    .doesNotContain(herMembership.get("id").asString());
            List<WebElement> scores = blind.driver.findElements(By.cssSelector("input[type=number]"));
            scores.forEach(score -> score.sendKeys("8"));
            blind.driver
                    .findElement(By.xpath("//button[text()='Save my scores']"))
                    .click();
            blind.waiting(WAIT)
                    .until(d -> d.findElement(By.cssSelector("article.review .done"))
                            .isDisplayed());
            check(blind, "portal-review");

            lab.driver.navigate().refresh();
            WebElement decide = lab.driver.findElement(By.cssSelector("[data-application='" + applicationId + "']"));
            decide.findElement(By.cssSelector("input[name=amountKgs]")).clear();
            decide.findElement(By.cssSelector("input[name=amountKgs]")).sendKeys("40000");
            decide.findElement(By.xpath(".//button[text()='Decide']")).click();
            reloaded(lab, decide);
            // The award's one tranche is paid from the same page.
            WebElement pay = lab.driver.findElement(
                    By.xpath("//*[@data-application='" + applicationId + "']//button[text()='Pay']"));
            pay.click();
            lab.waiting(WAIT).until(ExpectedConditions.alertIsPresent());
            lab.driver.switchTo().alert().accept();
            reloaded(lab, pay);
            assertThat(lab.driver
                            .findElement(By.cssSelector("[data-application='" + applicationId + "'] [data-tranche]"))
                            .getText())
                    .contains("paid on");
            check(lab, "portal-staff-funding-paid");

            her.driver.navigate().refresh();
            String decision =
                    her.driver.findElement(By.cssSelector("[data-decision]")).getText();
            assertThat(decision).contains("Awarded").contains("40,000 som").contains("paid on");
            assertThat(her.driver.getPageSource())
                    .doesNotContain("average score")
                    .doesNotContain(reviewer);
            check(her, "portal-funding-decision");
        }
    }

    @Test
    void aMemberDownloadsHerDataAndErasesHerAccountFromThePages() throws Exception {
        String member = TestKeycloak.createUser(osh.slug() + "-leaving");
        stack.seat(osh, member, "resident");
        String token = TestKeycloak.userToken(member);
        try (Chromium browser = new Chromium()) {
            browser.signIn(gateway, member, TestKeycloak.TEST_PASSWORD);
            browser.driver.get(gateway + "/labs/" + osh.slug() + "/portal/my-data?lang=en");
            check(browser, "portal-my-data");
            browser.driver.findElement(By.id("displayName")).sendKeys("Gulzat Leaving");
            browser.driver.findElement(By.cssSelector("#profile button")).click();
            browser.waiting(WAIT)
                    .until(d -> d.findElement(By.cssSelector("#profile .done")).isDisplayed());
            // An optional answer given under consent, then withdrawn.
            WebElement gender = browser.driver.findElement(By.id("answer-gender"));
            new org.openqa.selenium.support.ui.Select(gender).selectByVisibleText("woman");
            WebElement agree =
                    browser.driver.findElement(By.xpath("//select[@id='answer-gender']/ancestor::form//button"));
            agree.click();
            reloaded(browser, agree);
            assertThat(browser.driver.findElement(By.id("consents")).getText()).contains("Gender: woman");
            check(browser, "portal-my-data-consent");
            WebElement withdraw = browser.driver.findElement(By.cssSelector("#consents button"));
            withdraw.click();
            reloaded(browser, withdraw);
            assertThat(browser.driver.findElement(By.id("consents")).getText()).doesNotContain("woman");
            browser.driver.findElement(By.cssSelector("#export button")).click();
            Path file = browser.downloads.resolve("my-data-" + osh.slug() + ".json");
            browser.waiting(WAIT).until(d -> Files.exists(file));
            assertThat(Files.readString(file))
                    .contains(TestKeycloak.subjectOf(member))
                    .contains("Gulzat Leaving");

            browser.driver.findElement(By.cssSelector("#erase button")).click();
            assertThat(browser.driver
                            .findElement(By.cssSelector("#erase .error"))
                            .getText())
                    .as("the warning must be acknowledged first")
                    .contains("cannot be undone");
            browser.driver.findElement(By.id("understood")).click();
            browser.driver.findElement(By.cssSelector("#erase button")).click();
            browser.waiting(WAIT).until(ExpectedConditions.alertIsPresent());
            browser.driver.switchTo().alert().accept();
            browser.waiting(WAIT).until(d -> d.getCurrentUrl().endsWith("/labs/" + osh.slug() + "/"));
            browser.screenshot("portal-erased");
        }
        HttpResponse<String> me =
                PlatformStack.send("GET", core + "/api/labs/" + osh.slug() + "/memberships/me", token, null);
        assertThat(me.statusCode()).as("her record in the lab is gone").isEqualTo(403);
    }

    private static void submitApplication(Chromium browser) {
        WebElement submit = browser.driver.findElement(
                By.xpath("//article[contains(@class,'application')]//button[text()='Submit']"));
        submit.click();
        browser.waiting(WAIT).until(ExpectedConditions.alertIsPresent());
        browser.driver.switchTo().alert().accept();
        reloaded(browser, submit);
        assertThat(browser.driver
                        .findElement(By.cssSelector("article.application [data-status]"))
                        .getText())
                .isEqualTo("Submitted");
    }

    /** The page a change reloads has been replaced (the element seen before it went stale). */
    private static void reloaded(Chromium browser, WebElement before) {
        browser.waiting(WAIT).until(ExpectedConditions.stalenessOf(before));
        browser.waiting(WAIT).until(d -> "complete".equals(browser.js().executeScript("return document.readyState")));
    }

    private static void checkInByName(Chromium door, String name) {
        WebElement search = door.driver.findElement(By.id("search"));
        search.clear();
        search.sendKeys(name);
        door.waiting(WAIT)
                .until(d -> d.findElements(By.cssSelector("#roster li")).size() == 1);
        door.driver.findElement(By.cssSelector("#roster li button")).click();
    }

    /** axe-core finds no serious or critical violation; the page fits the phone; a photograph is kept. */
    private static void check(Chromium browser, String name) throws Exception {
        List<Map<String, Object>> found = browser.seriousViolations();
        pagesChecked.incrementAndGet();
        violations.addAndGet(found.size());
        browser.screenshot(name);
        assertThat(found).as("axe-core on " + name).isEmpty();
        assertThat(browser.fitsTheScreen()).as(name + " on a 360-pixel screen").isTrue();
    }

    private static UUID event(String title) throws Exception {
        Instant starts = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        return UUID.fromString(create(
                        "/events",
                        Map.of(
                                "title",
                                title,
                                "startsAt",
                                starts.toString(),
                                "endsAt",
                                starts.plus(2, ChronoUnit.HOURS).toString(),
                                "place",
                                "Osh, Kurmanjan Datka 1",
                                "capacity",
                                20))
                .get("id")
                .asString());
    }

    private static void register(UUID event, String name) throws Exception {
        HttpResponse<String> registered = PlatformStack.send(
                "POST",
                core + "/api/labs/" + osh.slug() + "/public/events/" + event + "/registrations",
                null,
                Map.of("name", name, "contact", "+996 700 000 001"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    }

    private static JsonNode attendance(UUID event) throws Exception {
        return json(PlatformStack.send(
                "GET", core + "/api/labs/" + osh.slug() + "/events/" + event + "/attendance", staffToken, null));
    }

    private static JsonNode create(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> created =
                PlatformStack.send("POST", core + "/api/labs/" + osh.slug() + path, staffToken, body);
        assertThat(created.statusCode()).as(path + ": " + created.body()).isEqualTo(201);
        return json(created);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return PlatformStack.json.readTree(response.body());
    }
}
