package org.shouhu.server.map;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through its chromedriver, cut off from every network but the server under test. Never
 * downloads a browser or a driver. Without them the test is skipped, unless {@code SHOUHU_REQUIRE_BROWSER=1} (set by
 * CI where the packages are installed), in which case it fails.
 */
final class HeadlessChromium {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips (or, when a browser is required, fails) the calling test when Chromium is not installed. */
    static void requireInstalled() {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        String message = "browser test needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
                + "/usr/bin/chromedriver): apt-get install -y chromium chromium-driver";
        if (!installed && "1".equals(System.getenv("SHOUHU_REQUIRE_BROWSER"))) {
            throw new AssertionError(message + " (SHOUHU_REQUIRE_BROWSER=1)");
        }
        Assumptions.assumeTrue(installed, message);
    }

    /**
     * A browser that can reach only {@code 127.0.0.1:port}: every other host name fails to resolve and every other
     * request goes to a proxy that does not exist.
     */
    static ChromeDriver start(int port, String language) throws Exception {
        Path profile = Files.createTempDirectory("shouhu-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=" + language,
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>;127.0.0.1:" + port);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().withTimeout(Duration.ofSeconds(30)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return driver;
    }
}
