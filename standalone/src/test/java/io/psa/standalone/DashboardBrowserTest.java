package io.psa.standalone;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;

import io.psa.platform.test.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profitability dashboard in a real headless Chromium (Debian's chromium and chromium-driver): contracts ranked
 * by margin, the monthly chart, a contract's services, a live update when a time entry arrives, and a rebuild of the
 * figures as a progress bar.
 * The screenshot goes to target/dashboard.png (docs/dashboard.png is a copy of one).
 */
class DashboardBrowserTest extends ApiTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    EventStore events;
    private ChromeDriver browser;
    private String profitable;
    private String lossMaking;
    private String lossTicket;

    @BeforeEach
    void dataAndBrowser() {
        String tina = created(api.post("/api/resources", Map.of("name", "Tina", "internalCostRate", 60,
                "billingRate", 100)));
        String start = TODAY.withDayOfYear(1).toString();
        String end = TODAY.withDayOfYear(1).plusYears(1).minusDays(1).toString();
        profitable = created(api.post("/api/contracts", Map.of("companyId", acme, "name", "Managed servers",
                "type", "RECURRING_SERVICE", "startDate", start, "endDate", end)));
        created(api.post("/api/contracts/" + profitable + "/services", Map.of("name", "Server monitoring",
                "unitPrice", 500, "unitCost", 100, "units", 1, "period", "MONTHLY")));
        lossMaking = created(api.post("/api/contracts", Map.of("companyId", acme, "name", "Printer fleet",
                "type", "TIME_AND_MATERIALS", "startDate", start, "endDate", end, "hourlyRate", 50)));
        lossTicket = created(api.post("/api/tickets", Map.of("companyId", acme, "title", "Jams",
                "contractId", lossMaking)));
        created(api.post("/api/tickets/" + lossTicket + "/time-entries", Map.of("resourceId", tina,
                "workDate", TODAY.toString(), "hoursWorked", 2)));

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                                                                  .build(), options);
        browser.manage().window().setSize(new Dimension(1280, 1100));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waiting() {
        // the page may reload or redraw between finding an element and reading it: that is a retry, not a failure
        return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class);
    }

    private List<String> contractNames() {
        return browser.findElements(By.cssSelector("#contracts tbody tr td:first-child")).stream()
                      .map(WebElement::getText).toList();
    }

    @Test
    void ranksContractsChartsTheMonthsShowsServicesAndUpdatesLive() throws Exception {
        browser.get("http://127.0.0.1:" + port + "/dashboard/index.html#token=" + PostgresTest.ADMIN_TOKEN);

        waiting().until(page -> contractNames().containsAll(List.of("Managed servers", "Printer fleet"))
                                && browser.findElement(By.id("status")).getText().equals("live"));
        assertThat(contractNames()).as("ranked by margin").containsExactly("Managed servers", "Printer fleet");
        assertThat(browser.findElements(By.cssSelector("#chart rect"))).as("three bars a month").hasSize(36);

        browser.findElement(By.xpath("//table[@id='contracts']//td[text()='Managed servers']")).click();
        // the services table may be redrawn while it is read (a live update): read it within the wait
        waiting().until(page -> browser.findElement(By.id("services-title")).getText().contains("Managed servers")
                && browser.findElements(By.cssSelector("#services tbody td:first-child")).stream()
                          .map(WebElement::getText).toList().contains("Server monitoring"));

        waiting().until(page -> browser.findElement(By.xpath(
                "//table[@id='contracts']//tr[td[1]='Printer fleet']/td[7]")).getText().equals("2.00"));
        TimeLoggedBeforeKnownResources.log(events, lossTicket, "anyone", TODAY, "3");
        waiting().until(page -> browser.findElement(By.xpath(
                "//table[@id='contracts']//tr[td[1]='Printer fleet']/td[7]")).getText().equals("5.00"));
        assertThat(browser.findElement(By.id("status")).getAttribute("data-updates")).isNotNull();
        WebElement withoutCostRate = browser.findElement(By.xpath(
                "//table[@id='contracts']//tr[td[1]='Printer fleet']/td[8]"));
        assertThat(withoutCostRate.getText()).as("the hours of a resource without rates").isEqualTo("3.00");
        assertThat(withoutCostRate.getAttribute("class")).as("shown as a warning").isEqualTo("warning");

        Path screenshot = Path.of("target", "dashboard.png");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isPositive();
    }

    @Test
    void showsARebuildOfTheFiguresAsAProgressBarAndTheFiguresOnceItIsDone() throws Exception {
        browser.get("http://127.0.0.1:" + port + "/dashboard/index.html#token=" + PostgresTest.ADMIN_TOKEN);
        waiting().until(page -> contractNames().containsAll(List.of("Managed servers", "Printer fleet")));
        List<String> figures = rows();
        assertThat(browser.findElements(By.cssSelector("#rebuilds progress"))).isEmpty();

        DataSourceTransactionManager transactions = new DataSourceTransactionManager(jdbc.getDataSource());
        TransactionStatus lock = transactions.getTransaction(new DefaultTransactionDefinition());
        jdbc.execute("lock table pf_entry in access exclusive mode");   // holds the rebuild at its first step
        CompletableFuture<Integer> started = CompletableFuture.supplyAsync(() ->
                api.post("/api/admin/projections/profitability/rebuild", Map.of()).status());
        try {
            WebElement rebuild = waiting().until(page -> browser.findElements(
                    By.cssSelector("#rebuilds .rebuild[data-projection='profitability']")).stream().findFirst()
                    .orElse(null));
            assertThat(rebuild.getText()).startsWith("Rebuilding profitability: ").contains(" events");
            WebElement bar = rebuild.findElement(By.tagName("progress"));
            assertThat(Long.parseLong(bar.getAttribute("max"))).isEqualTo(jdbc.queryForObject(
                    "select max(global_index) from domain_event_entry", Long.class));
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    Path.of("target", "dashboard-rebuilding.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            transactions.rollback(lock);
        }
        assertThat(started.get()).isEqualTo(202);
        waiting().until(page -> browser.findElements(By.cssSelector("#rebuilds progress")).isEmpty());
        waiting().until(page -> rows().equals(figures));
    }

    private List<String> rows() {
        return browser.findElements(By.cssSelector("#contracts tbody tr")).stream().map(WebElement::getText).toList();
    }
}
