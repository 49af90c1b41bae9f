package org.creativelabs.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.creativelabs.devstack.TestKeycloak;
import org.creativelabs.gateway.support.Chromium;
import org.creativelabs.gateway.support.PlatformStack;
import org.creativelabs.gateway.support.PlatformStack.OpenedLab;
import org.creativelabs.realm.CreativeLabsRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The coordinator console and UNDP's dashboard in real headless Chromium, through the gateway's sign-in at the real
 * Keycloak, against the real services: a lab opened from the page goes live step by step, a failed step is retried
 * from the page; UNDP sees every region against its targets in charts, in Kyrgyz too, exports the CSV, can change
 * nothing, and a suppressed count stays hidden on the page and in the CSV. Every page is checked by axe-core, weighed
 * and photographed (target/screenshots).
 */
class ConsoleAndDashboardBrowserTests {

    private static final Duration LIVE = Duration.ofMinutes(2);

    private static PlatformStack stack;
    private static String gateway;
    private static OpenedLab osh;
    private static OpenedLab batken;
    private static OpenedLab naryn;

    @BeforeAll
    static void platform() throws Exception {
        if (System.getenv("CLP_REQUIRE_BROWSER") == null) {
            assumeThat(Chromium.available())
                    .as("Chromium and ChromeDriver (Debian's chromium, chromium-driver)")
                    .isTrue();
        }
        stack = PlatformStack.shared();
        gateway = "http://localhost:" + stack.gatewayOn(stack.loginPorts.get(0));
        // Three demo regions: Osh and Batken with enough residents to show, Naryn's village lab with three
        // (suppressed).
        osh = stack.open("osh", "Osh");
        batken = stack.open("batken", "Batken");
        naryn = stack.open("naryn", "Naryn");
        seatResidents(osh, 7);
        seatResidents(batken, 6);
        seatResidents(naryn, 3);
    }

    @AfterAll
    static void stopped() {
        // the stack is stopped when this class's JVM ends
    }

    private static void seatResidents(OpenedLab lab, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            stack.seat(lab, TestKeycloak.createUser(lab.slug() + "-resident"), "resident");
        }
    }

    @Test
    void aCoordinatorOpensALabAndWatchesItGoLiveAndRetriesAFailedStepFromThePage() throws Exception {
        String coordinator = TestKeycloak.createUser("coordinator", CreativeLabsRealm.COORDINATOR);
        try (Chromium browser = new Chromium()) {
            browser.signIn(gateway, coordinator, TestKeycloak.TEST_PASSWORD);
            browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("/console/"));
            long weight = browser.transferredBytes();
            List<Map<String, Object>> violations = browser.seriousViolations();
            System.out.printf(
                    "console: first load %d bytes compressed (budget 200 KB), axe-core serious/critical: %d%n",
                    weight, violations.size());
            assertThat(violations).as("axe-core on the console").isEmpty();
            assertThat(weight).isLessThanOrEqualTo(200 * 1024);
            assertThat(browser.fitsTheScreen())
                    .as("the console on a 360-pixel screen")
                    .isTrue();
            assertThat(browser.driver.findElement(By.id("labs")).getText()).contains(osh.slug(), naryn.slug());
            browser.screenshot("console");

            String slug = "naryn-village-" + Long.toString(System.nanoTime() % 10_000, 36);
            openLab(browser, slug, "Naryn Village Creative Lab");
            awaitJob(browser, "SUCCEEDED");
            for (WebElement step : browser.driver.findElements(By.cssSelector("#steps li"))) {
                assertThat(step.getDomAttribute("data-state"))
                        .as(step.getText())
                        .isEqualTo("done");
            }
            browser.screenshot("console-lab-live");
            // The new lab is served through the gateway under its own name (its public branding; the portal pages
            // are the lab portal's issue).
            browser.driver.get(gateway + "/labs/" + slug + "/public/branding");
            assertThat(browser.driver.getPageSource()).contains("Naryn Village Creative Lab");

            // A step that fails (platform-core down) shows the failure; once it is back, Retry on the page finishes.
            browser.driver.get(gateway + "/console/");
            String second = "batken-village-" + Long.toString(System.nanoTime() % 10_000, 36);
            stack.stopPlatformCore();
            try {
                openLab(browser, second, "Batken Village Creative Lab");
                awaitJob(browser, "FAILED");
                WebElement failed = browser.driver.findElement(By.cssSelector("#steps li[data-state=failed]"));
                assertThat(failed.getDomAttribute("data-step")).isEqualTo("SCHEMA");
                assertThat(browser.driver.findElement(By.id("job-status")).getText())
                        .contains("Opening the lab failed.");
                browser.screenshot("console-step-failed");
            } finally {
                stack.startPlatformCoreAgain();
            }
            WebElement retry = browser.driver.findElement(By.id("retry"));
            assertThat(retry.isDisplayed()).isTrue();
            retry.click();
            awaitJob(browser, "SUCCEEDED");
            browser.screenshot("console-retried-live");
            browser.driver.get(gateway + "/console/");
            assertThat(browser.driver.findElement(By.id("labs")).getText()).contains(second);

            // Bad input: the field is named, what was typed stays, nothing is opened.
            browser.driver.findElement(By.id("slug")).sendKeys("Not A Slug");
            browser.driver.findElement(By.id("name")).sendKeys("Typed name");
            browser.driver.findElement(By.id("region")).sendKeys("Naryn");
            browser.driver.findElement(By.id("adminEmail")).sendKeys("admin@example.org");
            browser.driver
                    .findElement(By.cssSelector("#open-lab button[type=submit]"))
                    .click();
            browser.waiting(Duration.ofSeconds(15))
                    .until(d ->
                            d.findElement(By.cssSelector("#open-lab .error")).isDisplayed());
            assertThat(browser.driver
                            .findElement(By.cssSelector("#open-lab .error"))
                            .getText())
                    .contains("slug");
            assertThat(browser.driver.findElement(By.id("slug")).getDomAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(browser.driver.findElement(By.id("name")).getDomProperty("value"))
                    .isEqualTo("Typed name");
        }
    }

    @Test
    void undpSeesEveryRegionAgainstItsTargetsInKyrgyzTooExportsCsvAndCanChangeNothing() throws Exception {
        String viewer = TestKeycloak.createUser("undp", CreativeLabsRealm.UNDP_VIEWER);
        awaitResidents(viewer, "Osh", 7);
        awaitResidents(viewer, "Batken", 6);
        try (Chromium browser = new Chromium()) {
            browser.signIn(gateway, viewer, TestKeycloak.TEST_PASSWORD);
            browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("/undp/"));
            // One chart per indicator of the catalog.
            browser.waiting(Duration.ofSeconds(30))
                    .until(d -> d.findElements(By.cssSelector(".plot canvas")).size() == 9);
            long weight = browser.transferredBytes();
            List<Map<String, Object>> violations = browser.seriousViolations();
            System.out.printf(
                    "dashboard: first load %d bytes compressed (budget 350 KB), axe-core serious/critical: %d%n",
                    weight, violations.size());
            assertThat(violations).as("axe-core on the dashboard").isEmpty();
            assertThat(weight).isLessThanOrEqualTo(350 * 1024);
            assertThat(browser.fitsTheScreen())
                    .as("the dashboard on a 360-pixel screen")
                    .isTrue();

            WebElement residents =
                    browser.driver.findElement(By.cssSelector("table.regions[data-indicator='residents.new']"));
            for (String region : List.of("Osh", "Batken", "Naryn")) {
                assertThat(residents.getText())
                        .as("every demo region against its target")
                        .contains(region);
            }
            assertThat(cell(residents, "Osh", 2).getText()).isEqualTo("7");
            assertThat(cell(residents, "Osh", 4).getText())
                    .as("the seed's target")
                    .isEqualTo("100");
            browser.screenshot("dashboard");

            // Naryn's three residents: suppressed in every figure of its row and breakdown; nothing on the page adds
            // up to them (the page has no cross-region totals, and Naryn's own totals are suppressed too).
            assertThat(cell(residents, "Naryn", 2).getText()).isEqualTo("suppressed");
            assertThat(cell(residents, "Naryn", 3).getText()).isEqualTo("suppressed");
            WebElement narynBreakdown =
                    browser.driver.findElement(By.cssSelector("table.breakdown[data-region='Naryn']"));
            assertThat(narynBreakdown.getText()).contains("Too few people");
            List<WebElement> narynPeople = browser.driver.findElements(
                    By.xpath("//section[.//table[@data-indicator='residents.new' or @data-indicator='network.new']]"
                            + "//tr[th[normalize-space()='Naryn']]/td[@data-value or @data-suppressed]"));
            assertThat(narynPeople).as("Naryn's counts (year, to date, months)").hasSizeGreaterThan(20);
            assertThat(narynPeople)
                    .as("no count of Naryn's people shows on the page")
                    .allSatisfy(td -> {
                        assertThat(td.getDomAttribute("data-suppressed")).isEqualTo("true");
                        assertThat(td.getDomAttribute("data-value")).isNullOrEmpty();
                    });

            String csv = (String) browser.js().executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(document.querySelector('a[download]').getAttribute('href')).then(r => r.text()).then(done);
                    """);
            assertThat(csv).startsWith("region,lab,indicator");
            assertThat(csv).contains("Naryn,,residents.new,\"SDG 5.5 SDG 8.3\"," + thisYear() + ",year,,,suppressed");
            assertThat(csv).contains("Osh,,residents.new,\"SDG 5.5 SDG 8.3\"," + thisYear() + ",year,,,7");
            assertThat(csv.lines()
                            .filter(line -> line.startsWith("Naryn,") && line.contains("residents.new"))
                            .filter(line -> !line.contains(",target-")))
                    .as("no count of Naryn's residents in the CSV (its target is no count)")
                    .allSatisfy(line -> assertThat(line).endsWith(",suppressed"));

            // Nothing to change: the only form that posts is signing out, and the API refuses a change.
            List<WebElement> posting = browser.driver.findElements(By.cssSelector("form[method=post]"));
            assertThat(posting).hasSize(1);
            assertThat(posting.get(0).getDomAttribute("action")).isEqualTo("/logout");
            assertThat(browser.driver.findElements(By.cssSelector("a[href='/console/']")))
                    .isEmpty();
            Object refused = browser.js().executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const token = (document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1] || '';
                    fetch('/api/indicators/labs/%s/targets/residents.new/%d', {method: 'PUT',
                        headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(token)},
                        body: JSON.stringify({target: 1})}).then(r => done(r.status));
                    """.formatted(osh.slug(), thisYear()));
            assertThat(((Number) refused).intValue())
                    .as("UNDP may not set a target")
                    .isEqualTo(403);

            // Kyrgyz, from the switch on the page, remembered on the next visit.
            browser.driver.findElement(By.cssSelector("a[hreflang=ky]")).click();
            browser.waiting(Duration.ofSeconds(15))
                    .until(d -> "ky".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .startsWith("Аймактар боюнча көрсөткүчтөр");
            browser.driver.get(gateway + "/undp/");
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .startsWith("Аймактар боюнча көрсөткүчтөр");
            WebElement kyResidents =
                    browser.driver.findElement(By.cssSelector("table.regions[data-indicator='residents.new']"));
            assertThat(cell(kyResidents, "Naryn", 2).getText()).isEqualTo("жашырылган");
            assertThat(browser.seriousViolations())
                    .as("axe-core on the Kyrgyz dashboard")
                    .isEmpty();
            browser.screenshot("dashboard-ky");
        }
    }

    private static void openLab(Chromium browser, String slug, String name) {
        browser.driver.findElement(By.id("slug")).sendKeys(slug);
        browser.driver.findElement(By.id("name")).sendKeys(name);
        browser.driver.findElement(By.id("region")).sendKeys("Naryn");
        new Select(browser.driver.findElement(By.id("languages"))).selectByValue("ky");
        browser.driver.findElement(By.id("adminEmail")).sendKeys(slug + "@example.org");
        browser.driver
                .findElement(By.cssSelector("#open-lab button[type=submit]"))
                .click();
    }

    private static void awaitJob(Chromium browser, String status) {
        browser.waiting(LIVE)
                .until(d -> status.equals(d.findElement(By.id("job-status")).getDomAttribute("data-status")));
    }

    /** The cell in the region's row: 0 is the region's header, then the row's cells in order. */
    private static WebElement cell(WebElement table, String region, int column) {
        WebElement row = table.findElement(By.xpath(".//tr[th[normalize-space()='" + region + "']]"));
        return row.findElements(By.xpath("./*")).get(column);
    }

    private static void awaitResidents(String viewer, String region, long count) throws Exception {
        String token = TestKeycloak.userToken(viewer);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            var regions = PlatformStack.json.readTree(
                    PlatformStack.send("GET", "http://127.0.0.1:" + stack.adminPort + "/api/indicators", token, null)
                            .body());
            for (var r : regions.get("regions")) {
                if (r.get("region").asString().equals(region)) {
                    for (var i : r.get("indicators")) {
                        if (i.get("indicator").asString().equals("residents.new")
                                && i.get("yearTotal").isNumber()
                                && i.get("yearTotal").asLong() == count) {
                            return;
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(region + " did not reach " + count + " residents in the read model");
    }

    private static int thisYear() {
        return LocalDate.now(ZoneId.of("Asia/Bishkek")).getYear();
    }
}
