package io.musicrec.local.stack.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through the system's chromedriver (Debian's {@code chromium} and {@code
 * chromium-driver}), both named by path so that Selenium Manager never runs and nothing is
 * downloaded. Missing binaries fail the test with what to install: the browser test never skips.
 */
final class Browser {

    static final String CHROMIUM = System.getenv().getOrDefault("MUSICREC_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("MUSICREC_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Browser() {
    }

    static ChromeDriver start() {
        for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: apt-get install -y chromium chromium-driver "
                        + "(or name them in MUSICREC_CHROMIUM / MUSICREC_CHROMEDRIVER)");
            }
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1100,900", "--no-first-run", "--disable-extensions",
                // No internet here: Spotify's images and player fail at once instead of waiting on DNS.
                "--host-resolver-rules=MAP i.scdn.co ~NOTFOUND, MAP open.spotify.com ~NOTFOUND");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Saves what the browser shows as {@code directory/name.png}. */
    static Path screenshot(ChromeDriver driver, Path directory, String name) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
