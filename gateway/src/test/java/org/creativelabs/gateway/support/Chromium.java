package org.creativelabs.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.creativelabs.devstack.NodeTools;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its own ChromeDriver (nothing is downloaded), on a 360-pixel-wide phone
 * screen: signing in at Keycloak, axe-core's accessibility check, the compressed bytes a page load transferred, and
 * screenshots under {@code target/screenshots}.
 */
public final class Chromium implements AutoCloseable {

    private static final Path BROWSER = Path.of(System.getenv().getOrDefault("CLP_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER =
            Path.of(System.getenv().getOrDefault("CLP_CHROMEDRIVER", "/usr/bin/chromedriver"));

    public final ChromeDriver driver;
    private final Path profile;
    /** Where this browser's downloads land. */
    public final Path downloads;

    /** Chromium and its driver are installed (CI installs them: {@code CLP_REQUIRE_BROWSER}). */
    public static boolean available() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    public Chromium() throws IOException {
        profile = Files.createTempDirectory("clp-chromium");
        downloads = Files.createDirectories(
                        Path.of("target", "downloads", profile.getFileName().toString()))
                .toAbsolutePath();
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=360,800",
                "--lang=en",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Waits, looking again when the page was replaced under the check (pages reload after a change). */
    public WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Signs in at the gateway through Keycloak's login form; returns once the browser is back at the gateway. */
    public void signIn(String gateway, String username, String password) {
        driver.get(gateway + "/login");
        waiting(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(username);
        if (driver.findElements(By.id("password")).isEmpty()) {
            // With Organizations on, Keycloak asks for the username first (to find the person's organization).
            driver.findElement(By.id("kc-login")).click();
            waiting(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
        }
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(gateway));
    }

    /** axe-core's serious and critical violations on the page as it is now (WCAG 2 A and AA rules). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> seriousViolations() throws IOException {
        Path axe = NodeTools.installed("browser", "axe-core").resolve("node_modules/axe-core/axe.min.js");
        js().executeScript(Files.readString(axe));
        Object found = js().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).join(', ')}))))
                  .catch(e => done([{id: 'axe-failed', impact: 'critical', nodes: String(e)}]));
                """);
        return (List<Map<String, Object>>) found;
    }

    /** Bytes the page's load transferred (compressed, with headers): the document and everything it loaded. */
    public long transferredBytes() {
        Object bytes = js().executeScript("""
                const all = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
                return all.reduce((sum, e) => sum + (e.transferSize || 0), 0);
                """);
        return ((Number) bytes).longValue();
    }

    /** Loads every file again from the network from now on, so a page's weight is that of a first visit. */
    public void withoutCache() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    }

    /** The phone loses its connection ({@code true}) or gets it back. */
    public void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** The page's width needs no horizontal scrolling on this 360-pixel screen. */
    public boolean fitsTheScreen() {
        return (Boolean) js().executeScript("return document.documentElement.scrollWidth <= window.innerWidth + 1;");
    }

    public Path screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        Files.writeString(target.resolveSibling(name + ".html"), driver.getPageSource());
        return target;
    }

    public JavascriptExecutor js() {
        return driver;
    }

    public WebDriver webDriver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
