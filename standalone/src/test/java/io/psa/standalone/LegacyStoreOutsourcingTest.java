package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.command.outsourcing.PartnerFacts;
import io.psa.platform.axon.stored.StoredEventTypes;
import io.psa.standalone.PartnerInstances.Instance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static io.psa.standalone.PartnerInstances.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lead upgraded in the middle of its outsourcing: its store is as the code before stable names wrote it, and it
 * restarts on today's code. A ticket outsourced and accepted before goes on to its approval, charged at the rate of
 * the old TicketOutsourced; a ticket whose items were written before is outsourced after, and the partner gets them.
 */
class LegacyStoreOutsourcingTest {
    private static Instance lead;
    private static Instance partner;
    private static String agreementId;

    @BeforeAll
    static void pairTwoInstances() {
        lead = new Instance(LegacyStoreOutsourcingTest.class, "lead-gmbh", "de").start().configure(true);
        partner = new Instance(LegacyStoreOutsourcingTest.class, "partner-ag", "de").start().configure(false);
        agreementId = PartnerInstances.pair(lead, partner);
    }

    @AfterAll
    static void stop() {
        PartnerInstances.stop(partner, lead);
    }

    @Test
    void outsourcingGoesOnAcrossTheUpgrade() {
        String company = lead.api().post("/api/companies", Map.of("name", "Kunde KG")).id();
        String running = ticket(company, "Running");
        assertThat(lead.api().post("/api/tickets/" + running + "/outsourcing", Map.of("agreementId", agreementId,
                "terms", Map.of("description", "vor Ort", "hourlyRate", new BigDecimal("80.50")))).status())
                .isEqualTo(204);
        String runningCopy = copyOf(running);
        eventually(() -> partner.api().get("/api/tickets/" + runningCopy), r -> r.status() == 200);
        assertThat(partner.api().post("/api/tickets/" + runningCopy + "/insourcing/accept", Map.of()).status())
                .isEqualTo(204);
        eventually(() -> lead.api().get("/api/tickets/" + running),
                r -> "ACCEPTED".equals(r.json().path("outsourcing").path("status").asText()));
        String waiting = ticket(company, "Waiting");
        assertThat(lead.api().post("/api/tickets/" + waiting + "/notes", Map.of("title", "Vorher",
                "text", "before the upgrade", "visibility", "EXTERNAL")).status()).isEqualTo(201);
        assertThat(lead.api().post("/api/tickets/" + waiting + "/charges", Map.of("description", "Kabel",
                "quantity", 1, "unitCost", 5, "unitPrice", new BigDecimal("12.50"))).status()).isEqualTo(201);

        LegacyStore.rewrite(lead.jdbc(), lead.bean(StoredEventTypes.class));
        lead.stop();
        lead.start();

        String technician = partner.api().post("/api/resources", Map.of("name", "Techniker", "internalCostRate", 45,
                "billingRate", 95)).id();
        assertThat(partner.api().post("/api/tickets/" + runningCopy + "/time-entries", Map.of("resourceId", technician,
                "workDate", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), "hoursWorked", 2)).status())
                .isEqualTo(201);
        assertThat(partner.api().post("/api/tickets/" + runningCopy + "/insourcing/complete", Map.of()).status())
                .isEqualTo(204);
        eventually(() -> lead.api().get("/api/tickets/" + running),
                r -> "WAITING_APPROVAL".equals(r.json().path("outsourcing").path("status").asText()));
        assertThat(lead.api().post("/api/tickets/" + running + "/outsourcing/approve", Map.of()).status())
                .isEqualTo(204);
        JsonNode approved = eventually(() -> lead.api().get("/api/tickets/" + running),
                r -> r.json().path("charges").size() == 1).json();
        JsonNode outsourcingCost = approved.path("charges").get(0).path("content");
        assertThat(outsourcingCost.path("unitCost").decimalValue()).as("the rate of the TicketOutsourced stored "
                                                                       + "before the upgrade").isEqualTo(new BigDecimal("80.50"));
        assertThat(approved.path("outsourcing").path("partyName").asText()).isEqualTo("partner-ag");

        assertThat(lead.api().post("/api/tickets/" + waiting + "/outsourcing", Map.of("agreementId", agreementId))
                       .status()).isEqualTo(204);
        JsonNode copy = eventually(() -> partner.api().get("/api/tickets/" + copyOf(waiting)), r -> r.status() == 200
                && r.json().path("notes").findValuesAsText("text").contains("before the upgrade")
                && r.json().path("charges").size() == 1).json();
        assertThat(copy.path("charges").get(0).path("content").path("unitPrice").decimalValue())
                .isEqualTo(new BigDecimal("12.50"));
    }

    private static String ticket(String company, String title) {
        return lead.api().post("/api/tickets", Map.of("companyId", company, "title", title)).id();
    }

    private static String copyOf(String leadTicket) {
        return PartnerFacts.localTicketId(agreementId, OutsourcingSide.PARTNER, leadTicket);
    }
}
