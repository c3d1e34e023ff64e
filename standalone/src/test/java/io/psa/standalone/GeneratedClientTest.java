package io.psa.standalone;

import io.psa.client.ApiException;
import io.psa.client.api.CompaniesSlasContractsResourcesApi;
import io.psa.client.api.ReportsApi;
import io.psa.client.api.TicketCommandsApi;
import io.psa.client.api.TicketQueriesApi;
import io.psa.client.model.ChargeRequest;
import io.psa.client.model.CompanyRequest;
import io.psa.client.model.ContractRequest;
import io.psa.client.model.ContractType;
import io.psa.client.model.DefaultContractRequest;
import io.psa.client.model.NoteRequest;
import io.psa.client.model.OpenTicketRequest;
import io.psa.client.model.ResourceRequest;
import io.psa.client.model.StatusRequest;
import io.psa.client.model.TicketDocument;
import io.psa.client.model.TicketStatus;
import io.psa.client.model.TimeEntryRequest;
import io.psa.client.model.Visibility;
import io.psa.platform.test.PostgresTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The README's first story, walked by the Java client that OpenAPI Generator makes from {@code docs/openapi.json}
 * at build time: a document a generator can use, and a client that works against the instance.
 */
class GeneratedClientTest extends ApiTest {
    @Test
    void theReadmesFirstStoryThroughAGeneratedClient() throws Exception {
        io.psa.client.ApiClient client = new io.psa.client.ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + PostgresTest.ADMIN_TOKEN));
        CompaniesSlasContractsResourcesApi reference = new CompaniesSlasContractsResourcesApi(client);
        TicketCommandsApi tickets = new TicketCommandsApi(client);
        TicketQueriesApi reads = new TicketQueriesApi(client);

        String tina = reference.createResource(new ResourceRequest().name("Tina")
                .internalCostRate(new BigDecimal("55")).billingRate(new BigDecimal("110")), null).getId();
        String company = reference.createCompany(new CompanyRequest().name("Acme"), null).getId();
        String desk = reference.createContract(new ContractRequest().companyId(company).name("Service desk")
                .type(ContractType.TIME_AND_MATERIALS).startDate(LocalDate.parse("2020-01-01"))
                .endDate(LocalDate.parse("2099-12-31")).hourlyRate(new BigDecimal("120")), null).getId();
        reference.setDefaultContract(company, new DefaultContractRequest().contractId(desk));

        OpenTicketRequest opening = new OpenTicketRequest().companyId(company).title("Mail server down")
                .description("No mail since 9:00").priority(1);
        String ticket = tickets.open(opening, "story-1").getId();
        assertThat(tickets.open(opening, "story-1").getId()).as("a retry with its key").isEqualTo(ticket);
        tickets.addNote(ticket, new NoteRequest().title("Called customer").text("Restarting the mail service")
                .visibility(Visibility.EXTERNAL), null);
        tickets.logTime(ticket, new TimeEntryRequest().resourceId(tina).workDate(LocalDate.now(ZoneOffset.UTC))
                .hoursWorked(new BigDecimal("1.5")).summary("diagnosis"), null);
        tickets.addCharge(ticket, new ChargeRequest().description("SFP module").quantity(BigDecimal.ONE)
                .unitCost(new BigDecimal("40")).unitPrice(new BigDecimal("65")), null);
        tickets.changeStatus(ticket, new StatusRequest().status(TicketStatus.COMPLETE), null);
        assertThatThrownBy(() -> tickets.addNote(ticket, new NoteRequest().title("Too late").text("x")
                .visibility(Visibility.EXTERNAL), null))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(409);
                    assertThat(refused.getResponseBody()).contains("complete-ticket-is-closed");
                });

        TicketDocument read = await().atMost(Duration.ofSeconds(30)).until(() -> reads.detail(ticket),
                detail -> detail.getStatus() == TicketStatus.COMPLETE && detail.getTimeEntries().size() == 1);
        assertThat(read.getContractId()).isEqualTo(desk);
        assertThat(read.getNotes()).hasSize(1);

        // revenue 245.00 (1.5 h at 120, the module at 65), labour 82.50 (1.5 h at 55), other cost 40.00
        ReportsApi reports = new ReportsApi(client);
        var figures = await().atMost(Duration.ofSeconds(30)).until(() -> reports.contractFiguresByService(desk,
                LocalDate.parse("2020-01-01"), LocalDate.parse("2099-12-31"), null, null).getFigures(),
                shown -> shown.getRevenue().compareTo(new BigDecimal("245")) == 0);
        assertThat(figures.getLabourCost()).isEqualByComparingTo("82.50");
        assertThat(figures.getOtherCost()).isEqualByComparingTo("40.00");
    }
}
