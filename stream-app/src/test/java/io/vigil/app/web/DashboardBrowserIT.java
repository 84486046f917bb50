package io.vigil.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestFleets;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): the
 * fleet page sees a live anomaly appear, the device page previews a quieter threshold (counts and
 * the preview's threshold line) and applies it with the token, and the new version shows in force.
 * Each step saves a screenshot under {@code target/browser-screenshots}.
 */
@WithKafka
class DashboardBrowserIT {
  private static final String TOKEN = "browser-token-0123456789";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "browser-screenshots");

  @TempDir Path dir;

  /** Normal frames of two devices; device-000's values jump fivefold at steps 700-759. */
  private static List<SimulatedFrame> frames(int from, int to) {
    return TestFleets.withJump(2, 3, from, to, "device-000", 700, 760);
  }

  @Test
  void aLiveAnomalyIsSeenPreviewedAndItsDevicesThresholdChanged(KafkaCluster kafka)
      throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "headless browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed"
            + " (sudo apt-get install chromium chromium-driver)");
    VigilConfig config =
        Pipelines.config(
            kafka.bootstrapServers(),
            "browser.",
            "browser",
            dir.resolve("state"),
            TestModels.small(dir),
            Map.of("vigil.http.token", TOKEN));
    TopicCatalogue topics = Pipelines.createTopics(config, 1);
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      String base = "http://127.0.0.1:" + app.dashboard().port();
      Pipelines.publish(config, topics, frames(0, 600));
      Pipelines.awaitCommitted(config, topics.frames().name(), 1200, Duration.ofMinutes(1));
      WebDriver browser = new ChromeDriver(service, options);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(base + "/");
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#fleet tr[data-device='device-000']")));
        shot(browser, "1-fleet");

        // The anomaly arrives while the page is open: the live stream reports its OPEN.
        Pipelines.publish(config, topics, frames(600, 900));
        wait.until(
            ExpectedConditions.attributeContains(
                By.id("live-log"), "textContent", "OPEN device-000"));
        wait.until(
            ExpectedConditions.not(
                ExpectedConditions.textToBe(
                    By.cssSelector("#fleet tr[data-device='device-000'] td.alerts"), "0")));
        shot(browser, "2-fleet-anomaly");

        browser.findElement(By.linkText("device-000")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart canvas")));
        wait.until(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector("#episodes tbody tr")));
        // A window in detail: hovering a point offers its values beside the reconstruction.
        new Actions(browser)
            .moveToElement(browser.findElement(By.cssSelector("#chart .u-over")))
            .perform();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("window-detail"))).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".channel-detail"), 4));
        shot(browser, "3-device");

        // The editor starts from the policy in force; a static threshold above the anomaly's
        // peak would have opened nothing, so the preview shows fewer episodes than the policy in
        // force.
        wait.until(ExpectedConditions.attributeToBe(By.id("editor"), "data-loaded", "true"));
        assertThat(browser.findElement(By.id("parameters")).getAttribute("value"))
            .contains("\"k\"");
        new Select(browser.findElement(By.id("method"))).selectByVisibleText("STATIC");
        browser.findElement(By.id("parameters")).clear();
        browser.findElement(By.id("parameters")).sendKeys("{\"value\":1000}");
        browser.findElement(By.id("preview")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview-table")));
        int inForce = Integer.parseInt(browser.findElement(By.id("in-force-episodes")).getText());
        int proposed = Integer.parseInt(browser.findElement(By.id("proposed-episodes")).getText());
        assertThat(inForce).isPositive();
        assertThat(proposed).isLessThan(inForce);
        long previewPoints =
            (Long)
                ((JavascriptExecutor) browser)
                    .executeScript("return data[3].filter(x => x != null).length;");
        assertThat(previewPoints).isPositive();
        shot(browser, "4-preview");

        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("comment")).sendKeys("too many alerts");
        browser.findElement(By.id("apply")).click();
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "published"));
        // Once the policy has reached the store every instance reads (the validator and the
        // active-policies topic are asynchronous), the device's next windows are judged under it.
        awaitInForce(base, "device:device-000");
        Pipelines.publish(config, topics, frames(900, 1000));
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("policy-in-force"), "dashboard-device-device-000@1"));
        shot(browser, "5-applied");

        // The alerts page links to the device's chart at the episode's start.
        browser.get(base + "/alerts.html");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#episodes tbody a")))
            .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart canvas")));
        long start = Long.parseLong(browser.getCurrentUrl().replaceAll(".*[?&]at=(\\d+).*", "$1"));
        Object min = ((JavascriptExecutor) browser).executeScript("return plot.scales.x.min;");
        assertThat(((Number) min).doubleValue()).isEqualTo(start / 1000.0 - 1800);
        shot(browser, "6-alert-to-device");

        // A fleet policy far more sensitive than the default: its preview reaches the device
        // without a policy of its own (device-001), not device-000, whose own policy stays.
        browser.get(base + "/policies.html");
        wait.until(ExpectedConditions.attributeToBe(By.id("editor"), "data-loaded", "true"));
        browser.findElement(By.id("parameters")).clear();
        browser.findElement(By.id("parameters")).sendKeys("{\"alpha\":0.02,\"k\":0.1}");
        browser.findElement(By.id("warmup")).clear();
        browser.findElement(By.id("warmup")).sendKeys("10");
        browser.findElement(By.id("preview")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preview-table")));
        int fleetInForce =
            Integer.parseInt(browser.findElement(By.id("in-force-episodes")).getText());
        int fleetProposed =
            Integer.parseInt(browser.findElement(By.id("proposed-episodes")).getText());
        assertThat(fleetProposed).isGreaterThan(fleetInForce);
        List<String> changed =
            browser.findElements(By.cssSelector("#preview-devices tbody tr")).stream()
                .map(r -> r.findElements(By.tagName("td")))
                .filter(c -> !c.get(1).getText().equals(c.get(2).getText()))
                .map(c -> c.get(0).getText())
                .toList();
        assertThat(changed).containsExactly("device-001");
        assertThat(browser.findElement(By.cssSelector("#preview-counts .warning")).getText())
            .contains("max-alerts-per-day");
        shot(browser, "7-fleet-preview");
        // The page keeps the token of the tab's last change.
        assertThat(browser.findElement(By.id("token")).getAttribute("value")).isEqualTo(TOKEN);
        browser.findElement(By.id("comment")).sendKeys("fleet-wide test");
        browser.findElement(By.id("apply")).click();
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "in force"));
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("policies"), "fleet-wide test"));
        shot(browser, "8-fleet-applied");
      } finally {
        browser.quit();
      }
    }
  }

  private static void awaitInForce(String base, String key) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String body =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/api/policies")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (body.contains("\"" + key + "\"")) {
        return;
      }
    }
    throw new AssertionError("policy for " + key + " not in force within 60 s");
  }

  private static void shot(WebDriver browser, String name) throws Exception {
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
