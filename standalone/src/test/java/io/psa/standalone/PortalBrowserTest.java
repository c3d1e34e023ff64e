package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.platform.test.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subcontractor portal in a real headless Chromium, at a phone's width: the contact sets a password by the
 * invitation's link (which makes the agreement ACTIVE, so the lead can outsource to it), signs in, sees the outsourced
 * ticket ASSIGNED with its accept-by time, accepts it, adds a note
 * and time, and reports the work done. The screenshot goes to target/portal.png (docs/portal.png is a copy of one).
 */
class PortalBrowserTest extends ApiTest {
    private static final String PASSWORD = "a long and secret phrase";

    private ChromeDriver browser;
    private String agreement;
    private String ticket;
    private String passwordLink;

    @BeforeEach
    void subcontractorTicketAndBrowser() {
        enableOutsourcing("Lead GmbH", "en");
        ApiClient.Response invited = api.post("/api/partners/invitations", Map.of("kind", "SUBCONTRACTOR",
                "name", "Pete Repairs", "email", "pete@repairs.example", "language", "en", "feePerAcceptance", 9));
        agreement = invited.id();
        passwordLink = invited.json().path("passwordLink").asText();
        ticket = openTicket(acme, "Printer on floor 3 jams");
        created(api.post("/api/tickets/" + ticket + "/notes", Map.of("title", "Access", "text",
                "The key is at the front desk", "visibility", "EXTERNAL")));

        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
        browser.manage().window().setSize(new Dimension(430, 1600));   // a phone's width
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aSubcontractorSignsInAcceptsWorksAndReportsDone() throws Exception {
        browser.get(passwordLink);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.name("repeated")).sendKeys(PASSWORD);
        browser.findElement(By.tagName("form")).submit();
        waiting().until(page -> browser.getCurrentUrl().contains("/portal/login?ready"));
        // the agreement is ACTIVE now that its contact has a password: the lead outsources to it
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", agreement,
                "terms", Map.of("description", "on site, bring a fuser kit", "hourlyRate", 55),
                "acceptBy", dateTimeFromNow(Duration.ofHours(4)))).status()).isEqualTo(204);
        readUntil("/api/tickets/" + ticket, r -> "ASSIGNED".equals(r.json().path("outsourcing").path("status")
                .asText()) && r.json().path("notes").size() >= 2);

        browser.findElement(By.name("username")).sendKeys("pete@repairs.example");
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waiting().until(page -> browser.findElements(By.cssSelector(".ticket")).size() == 1);
        assertThat(browser.findElement(By.cssSelector(".ticket")).getText()).contains("ASSIGNED",
                "Printer on floor 3 jams", "Accept by");

        browser.findElement(By.cssSelector(".ticket a")).click();
        waiting().until(page -> browser.findElements(By.id("accept")).size() == 1);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("The key is at the front desk",
                "on site, bring a fuser kit");
        browser.findElement(By.id("accept")).click();
        waiting().until(page -> browser.findElement(By.tagName("main")).getText().contains("Accepted."));

        waiting().until(page -> {
            browser.navigate().refresh();
            return browser.findElements(By.id("add-note")).size() == 1
                   && browser.findElement(By.cssSelector(".status")).getText().equals("ACCEPTED");
        });
        browser.findElement(By.name("title")).sendKeys("Arrived");
        browser.findElement(By.name("text")).sendKeys("Fuser replaced, test page printed");
        browser.findElement(By.id("add-note")).click();
        waiting().until(page -> browser.findElement(By.tagName("main")).getText().contains("Note added."));
        browser.findElement(By.name("hoursWorked")).sendKeys("1.5");
        browser.findElement(By.name("summary")).sendKeys("fuser replaced");
        browser.findElement(By.id("log-time")).click();
        waiting().until(page -> browser.findElement(By.tagName("main")).getText().contains("Time logged."));
        Path photo = Files.createTempFile("fuser", ".txt");
        Files.writeString(photo, "old fuser, photographed");
        browser.findElement(By.name("file")).sendKeys(photo.toString());
        browser.findElements(By.name("title")).get(1).sendKeys("Old fuser");
        browser.findElement(By.id("add-file")).click();
        waiting().until(page -> browser.findElement(By.tagName("main")).getText().contains("File added."));
        waiting().until(page -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector(".note")).size() == 2
                   && browser.findElements(By.cssSelector(".time-entry")).size() == 1;
        });
        Path screenshot = Path.of("target", "portal.png");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.id("report-done")).click();
        waiting().until(page -> browser.findElement(By.tagName("main")).getText().contains("Reported done"));
        JsonNode lead = readUntil("/api/tickets/" + ticket, r -> "WAITING_APPROVAL".equals(
                r.json().path("outsourcing").path("status").asText())).json();
        assertThat(lead.path("notes").findValuesAsText("text")).contains("Fuser replaced, test page printed");
        assertThat(lead.path("timeEntries").findValuesAsText("author"))
                .containsExactly("partner:" + agreement + ":pete@repairs.example");
        assertThat(lead.path("charges").findValuesAsText("description")).containsExactly("Subcontractor fee: Pete Repairs");
        assertThat(lead.path("attachments").findValuesAsText("fileName")).containsExactly(photo.getFileName().toString());
        assertThat(screenshot).exists();
    }

    private WebDriverWait waiting() {
        // the page may reload or redraw between finding an element and reading it: that is a retry, not a failure
        return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class);
    }
}
