package io.psa.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.command.outsourcing.PartnerFacts;
import io.psa.platform.test.ApiClient;
import io.psa.standalone.PartnerInstances.Instance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.psa.standalone.PartnerInstances.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real instances, each with its own Spring context and database, paired over HTTP on loopback: the whole
 * outsourcing story, both ways.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerSyncTest {
    private static Instance lead;
    private static Instance partner;
    private static String agreementId;
    private static String leadTicket;
    private static String partnerTicket;

    @BeforeAll
    static void pairTwoInstances() {
        lead = new Instance(PartnerSyncTest.class, "lead-gmbh", "de").start().configure(true);
        partner = new Instance(PartnerSyncTest.class, "partner-ag", "de").start().configure(false);
        agreementId = PartnerInstances.pair(lead, partner);
    }

    @AfterAll
    static void stop() {
        PartnerInstances.stop(partner, lead);
    }

    @Test
    @Order(1)
    void bothSidesShowTheActiveAgreement() {
        JsonNode atLead = lead.api().get("/api/partners/" + agreementId).json();
        assertThat(atLead.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(atLead.path("side").asText()).isEqualTo("LEAD");
        assertThat(atLead.path("baseUrl").asText()).isEqualTo(partner.baseUrl());
        JsonNode atPartner = partner.api().get("/api/partners/" + agreementId).json();
        assertThat(atPartner.path("side").asText()).isEqualTo("PARTNER");
        assertThat(atPartner.path("name").asText()).isEqualTo("lead-gmbh");
        assertThat(atLead.toString()).doesNotContain("psa_").as("no credential is ever shown");
    }

    @Test
    @Order(2)
    void theLeadOutsourcesAndThePartnerAccepts() {
        String company = lead.api().post("/api/companies", Map.of("name", "Kunde KG")).id();
        leadTicket = lead.api().post("/api/tickets", Map.of("companyId", company, "title", "Server im Keller",
                "description", "Festplatte tauschen", "priority", 2)).id();
        post(lead, leadTicket, "notes", Map.of("title", "Fehlerbild", "text", "klackert", "visibility", "EXTERNAL"));
        post(lead, leadTicket, "notes", Map.of("title", "Vorab intern", "text", "VIP", "visibility", "INTERNAL"));
        ApiClient.Response outsourced = lead.api().post("/api/tickets/" + leadTicket + "/outsourcing", Map.of(
                "agreementId", agreementId, "terms", Map.of("description", "vor Ort", "hourlyRate", 80),
                "acceptBy", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString()));
        assertThat(outsourced.status()).as(outsourced.toString()).isEqualTo(204);

        partnerTicket = PartnerFacts.localTicketId(agreementId, OutsourcingSide.PARTNER, leadTicket);
        JsonNode copy = eventually(() -> partner.api().get("/api/tickets/" + partnerTicket),
                r -> r.status() == 200 && "ASSIGNED".equals(r.json().path("outsourcing").path("status").asText())).json();
        assertThat(copy.path("source").asText()).isEqualTo("INSOURCED");
        assertThat(copy.path("title").asText()).isEqualTo("Server im Keller");
        assertThat(copy.path("outsourcing").path("leadTicketId").asText()).isEqualTo(leadTicket);
        assertThat(copy.path("outsourcing").path("partyName").asText()).isEqualTo("lead-gmbh");
        JsonNode withEarlierNotes = eventually(() -> partner.api().get("/api/tickets/" + partnerTicket),
                r -> notesTitled(r.json()).contains("Fehlerbild")).json();
        assertThat(notesTitled(withEarlierNotes)).as("what the ticket had before: its external notes go over")
                                                 .doesNotContain("Vorab intern");

        assertThat(partner.api().post("/api/tickets/" + partnerTicket + "/insourcing/accept", Map.of()).status())
                .isEqualTo(204);
        eventually(() -> lead.api().get("/api/tickets/" + leadTicket),
                r -> "ACCEPTED".equals(r.json().path("outsourcing").path("status").asText()));
    }

    @Test
    @Order(3)
    void itemsSyncBothWaysAndInternalOnesStayHome() {
        post(lead, leadTicket, "notes", Map.of("title", "Zugang", "text", "Schlüssel beim Empfang", "visibility", "EXTERNAL"));
        post(lead, leadTicket, "notes", Map.of("title", "Intern", "text", "Kunde zahlt spät", "visibility", "INTERNAL"));
        post(lead, leadTicket, "charges", Map.of("description", "Festplatte", "quantity", 1, "unitCost", 90,
                "unitPrice", 140));
        byte[] photo = "the lead's photo".getBytes(StandardCharsets.UTF_8);
        String leadFile = lead.api().postFile("/api/tickets/" + leadTicket + "/attachments", "rack.jpg", photo,
                Map.of("title", "Rack", "visibility", "EXTERNAL")).id();
        lead.api().postFile("/api/tickets/" + leadTicket + "/attachments", "secret.txt", "internal".getBytes(),
                Map.of("title", "Passwort", "visibility", "INTERNAL"));

        post(partner, partnerTicket, "notes", Map.of("title", "Vor Ort", "text", "Platte getauscht", "visibility", "EXTERNAL"));
        String technician = ApiTest.created(partner.api().post("/api/resources", Map.of("name", "Techniker",
                "internalCostRate", 45, "billingRate", 95)));
        post(partner, partnerTicket, "time-entries", Map.of("resourceId", technician, "workDate", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(),
                "hoursWorked", 2.5, "hoursToBill", 2));
        String partnerCharge = post(partner, partnerTicket, "charges", Map.of("description", "Kabel", "quantity", 2,
                "unitCost", 5, "unitPrice", 9));
        byte[] report = "the partner's report".getBytes(StandardCharsets.UTF_8);
        partner.api().postFile("/api/tickets/" + partnerTicket + "/attachments", "bericht.pdf", report,
                Map.of("title", "Bericht", "visibility", "EXTERNAL"));

        JsonNode copy = eventually(() -> partner.api().get("/api/tickets/" + partnerTicket),
                r -> notesTitled(r.json()).contains("Zugang") && r.json().path("attachments").size() == 2
                     && r.json().path("charges").size() == 2).json();
        assertThat(notesTitled(copy)).doesNotContain("Intern");
        JsonNode syncedNote = find(copy.path("notes"), "title", "Zugang");
        assertThat(syncedNote.path("content").path("visibility").asText()).as("arrives internal-only").isEqualTo("INTERNAL");
        assertThat(syncedNote.path("author").asText()).startsWith("partner:" + agreementId + ":");
        JsonNode syncedPhoto = find(copy.path("attachments"), "title", "Rack");
        ApiClient.Response content = partner.api().get("/api/tickets/" + partnerTicket + "/attachments/"
                                                       + syncedPhoto.path("id").asText() + "/content");
        assertThat(content.bytes()).isEqualTo(photo);
        assertThat(syncedPhoto.path("id").asText()).isEqualTo(leadFile);

        JsonNode original = eventually(() -> lead.api().get("/api/tickets/" + leadTicket),
                r -> notesTitled(r.json()).contains("Vor Ort") && r.json().path("timeEntries").size() == 1
                     && r.json().path("attachments").size() == 3 && r.json().path("charges").size() == 2).json();
        assertThat(original.path("timeEntries").get(0).path("content").path("hoursWorked").decimalValue())
                .isEqualByComparingTo("2.5");
        assertThat(find(original.path("charges"), "id", partnerCharge)).isNotNull();

        // each side changes only its own items, and the change syncs
        String leadNote = find(original.path("notes"), "title", "Zugang").path("id").asText();
        assertThat(partner.api().put("/api/tickets/" + partnerTicket + "/notes/" + leadNote,
                Map.of("title", "x", "text", "y", "visibility", "EXTERNAL")).status()).isEqualTo(409);
        assertThat(lead.api().put("/api/tickets/" + leadTicket + "/notes/" + leadNote, Map.of("title", "Zugang",
                "text", "Schlüssel beim Pförtner", "visibility", "EXTERNAL")).status()).isEqualTo(204);
        assertThat(partner.api().delete("/api/tickets/" + partnerTicket + "/charges/" + partnerCharge).status())
                .isEqualTo(204);
        eventually(() -> partner.api().get("/api/tickets/" + partnerTicket), r -> find(r.json().path("notes"),
                "title", "Zugang").path("content").path("text").asText().equals("Schlüssel beim Pförtner"));
        eventually(() -> lead.api().get("/api/tickets/" + leadTicket),
                r -> find(r.json().path("charges"), "id", partnerCharge) == null);
    }

    @Test
    @Order(4)
    void theLeadsEditsReachThePartnersCopyAndThePartnersOwnStayThere() {
        assertThat(lead.api().put("/api/tickets/" + leadTicket + "/details", Map.of("title", "Server im Keller, Raum 2",
                "description", "Festplatte und Lüfter tauschen")).status()).isEqualTo(204);
        assertThat(lead.api().put("/api/tickets/" + leadTicket + "/priority", Map.of("priority", 1)).status())
                .isEqualTo(204);
        JsonNode copy = eventually(() -> partner.api().get("/api/tickets/" + partnerTicket),
                r -> r.json().path("priority").asInt() == 1).json();
        assertThat(copy.path("title").asText()).isEqualTo("Server im Keller, Raum 2");
        assertThat(copy.path("description").asText()).isEqualTo("Festplatte und Lüfter tauschen");
        List<String> changes = new ArrayList<>();
        partner.api().get("/api/tickets/" + partnerTicket + "/history").json().forEach(event -> {
            if (event.path("type").asText().matches("TicketDetailsChanged|TicketPriorityChanged")) {
                changes.add(event.path("type").asText());
            }
        });
        assertThat(changes).containsExactly("TicketDetailsChanged", "TicketPriorityChanged");

        long refusedAtTheLead = lead.api().get("/api/partners/" + agreementId).json().path("refusedFacts").asLong();
        assertThat(partner.api().put("/api/tickets/" + partnerTicket + "/details", Map.of("title", "Keller (intern)"))
                .status()).isEqualTo(204);
        post(partner, partnerTicket, "notes", Map.of("title", "Nach der Umbenennung", "text", "unterwegs",
                "visibility", "EXTERNAL"));
        eventually(() -> lead.api().get("/api/tickets/" + leadTicket),
                r -> notesTitled(r.json()).contains("Nach der Umbenennung"));
        assertThat(lead.api().get("/api/tickets/" + leadTicket).json().path("title").asText())
                .as("the partner's own title stays on its copy").isEqualTo("Server im Keller, Raum 2");
        assertThat(lead.api().get("/api/partners/" + agreementId).json().path("refusedFacts").asLong())
                .as("not sent at all, rather than refused by the lead").isEqualTo(refusedAtTheLead);

        // a contract whose SLA gives its default priority 3: the copy follows
        Map<String, Object> target = Map.of("firstResponse", 60, "resolutionPlan", 240, "resolved", 960);
        String sla = lead.api().post("/api/slas", Map.of("name", "Standard", "hours", "24x7", "defaultPriority", 3,
                "targets", Map.of("1", target, "2", target, "3", target, "4", target))).id();
        String company = lead.api().get("/api/tickets/" + leadTicket).json().path("companyId").asText();
        String contract = lead.api().post("/api/contracts", Map.of("companyId", company, "name", "Wartung",
                "type", "TIME_AND_MATERIALS", "startDate", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(),
                "endDate", LocalDate.now(ZoneOffset.UTC).plusYears(1).toString(), "slaId", sla)).id();
        assertThat(lead.api().put("/api/tickets/" + leadTicket + "/contract", Map.of("contractId", contract))
                .status()).isEqualTo(204);
        eventually(() -> partner.api().get("/api/tickets/" + partnerTicket),
                r -> r.json().path("priority").asInt() == 3);
    }

    @Test
    @Order(5)
    void waitingApprovalPausesTheSyncAndRejectResumesIt() {
        assertThat(partner.api().post("/api/tickets/" + partnerTicket + "/insourcing/complete", Map.of()).status())
                .isEqualTo(204);
        eventually(() -> lead.api().get("/api/tickets/" + leadTicket),
                r -> "WAITING_APPROVAL".equals(r.json().path("outsourcing").path("status").asText()));
        post(partner, partnerTicket, "notes", Map.of("title", "Nachtrag", "text", "Lüfter auch", "visibility", "EXTERNAL"));
        assertThat(lead.api().post("/api/tickets/" + leadTicket + "/outsourcing/reject", Map.of()).status())
                .as("a rejection needs a reason").isEqualTo(400);
        sleepSeconds(2);
        assertThat(notesTitled(lead.api().get("/api/tickets/" + leadTicket).json()))
                .as("held while waiting for approval").doesNotContain("Nachtrag");

        assertThat(lead.api().post("/api/tickets/" + leadTicket + "/outsourcing/reject",
                Map.of("reason", "Lüfter fehlt")).status()).isEqualTo(204);
        JsonNode copy = eventually(() -> partner.api().get("/api/tickets/" + partnerTicket),
                r -> "ACCEPTED".equals(r.json().path("outsourcing").path("status").asText())).json();
        assertThat(copy.path("outsourcing").path("lastReason").asText()).isEqualTo("Lüfter fehlt");
        eventually(() -> lead.api().get("/api/tickets/" + leadTicket),
                r -> notesTitled(r.json()).contains("Nachtrag"));
    }

    @Test
    @Order(6)
    void approvalCompletesBothSidesAndChargesThePartnersHours() {
        assertThat(partner.api().post("/api/tickets/" + partnerTicket + "/insourcing/complete", Map.of()).status())
                .isEqualTo(204);
        eventually(() -> lead.api().get("/api/tickets/" + leadTicket),
                r -> "WAITING_APPROVAL".equals(r.json().path("outsourcing").path("status").asText()));
        assertThat(lead.api().post("/api/tickets/" + leadTicket + "/outsourcing/approve", Map.of()).status())
                .isEqualTo(204);

        JsonNode copy = eventually(() -> partner.api().get("/api/tickets/" + partnerTicket),
                r -> "COMPLETE".equals(r.json().path("outsourcing").path("status").asText())).json();
        assertThat(copy.path("status").asText()).as("the lead's approval closes the copy").isEqualTo("COMPLETE");

        JsonNode original = eventually(() -> lead.api().get("/api/tickets/" + leadTicket),
                r -> "COMPLETE".equals(r.json().path("outsourcing").path("status").asText())
                     && find(r.json().path("charges"), "author", "system") != null).json();
        JsonNode outsourcingCost = find(original.path("charges"), "author", "system").path("content");
        assertThat(outsourcingCost.path("billable").asBoolean()).isFalse();
        assertThat(outsourcingCost.path("quantity").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(outsourcingCost.path("unitCost").decimalValue()).isEqualByComparingTo("80");

        List<String> leadNotes = systemNotes(original);
        assertThat(leadNotes).anyMatch(text -> text.contains("UNSENT -> ASSIGNED"))
                             .anyMatch(text -> text.contains("ASSIGNED -> ACCEPTED"))
                             .anyMatch(text -> text.contains("WAITING_APPROVAL -> ACCEPTED") && text.contains("Lüfter fehlt"))
                             .anyMatch(text -> text.contains("WAITING_APPROVAL -> COMPLETE"))
                             .anyMatch(text -> text.startsWith("Outsourcing summary"));
        assertThat(systemNotes(copy)).anyMatch(text -> text.contains("ASSIGNED -> ACCEPTED"))
                                     .anyMatch(text -> text.contains("ACCEPTED -> WAITING_APPROVAL"))
                                     .anyMatch(text -> text.contains("WAITING_APPROVAL -> COMPLETE"));

        // the link has ended: the lead may now correct the partner's items
        String partnerNote = find(original.path("notes"), "title", "Vor Ort").path("id").asText();
        assertThat(lead.api().put("/api/tickets/" + leadTicket + "/notes/" + partnerNote,
                Map.of("title", "Vor Ort", "text", "korrigiert", "visibility", "INTERNAL")).status()).isEqualTo(204);
    }

    @Test
    @Order(7)
    void cancelIsRefusedAfterAcceptance() {
        String company = lead.api().post("/api/companies", Map.of("name", "Zweit KG")).id();
        String ticket = PartnerInstances.outsourcedAndAccepted(lead, partner, agreementId, company, "Drucker");
        String copy = PartnerFacts.localTicketId(agreementId, OutsourcingSide.PARTNER, ticket);

        ApiClient.Response cancel = lead.api().post("/api/tickets/" + ticket + "/outsourcing/cancel", Map.of());
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().path("rule").asText()).isEqualTo("outsourcing-transition");
        assertThat(partner.api().post("/api/tickets/" + copy + "/outsourcing/approve", Map.of()).status())
                .as("the partner cannot make the lead's moves").isEqualTo(409);
    }

    static String post(Instance instance, String ticket, String collection, Map<String, Object> body) {
        ApiClient.Response response = instance.api().post("/api/tickets/" + ticket + "/" + collection, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    static List<String> notesTitled(JsonNode ticket) {
        List<String> titles = new ArrayList<>();
        ticket.path("notes").forEach(note -> titles.add(note.path("content").path("title").asText()));
        return titles;
    }

    private static List<String> systemNotes(JsonNode ticket) {
        List<String> texts = new ArrayList<>();
        ticket.path("notes").forEach(note -> {
            if ("system".equals(note.path("author").asText())) {
                texts.add(note.path("content").path("text").asText());
            }
        });
        return texts;
    }

    /** The entry whose field (top level, in its content or an attachment's details) has the value, or null. */
    static JsonNode find(JsonNode entries, String field, String value) {
        for (JsonNode entry : entries) {
            if (value.equals(entry.path(field).asText()) || value.equals(entry.path("content").path(field).asText())
                || value.equals(entry.path("content").path("details").path(field).asText())) {
                return entry;
            }
        }
        return null;
    }

    private static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
