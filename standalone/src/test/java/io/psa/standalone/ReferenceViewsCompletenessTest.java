package io.psa.standalone;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.psa.query.reference.ReferenceViews;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed views answer what the reference documents hold: every field a document gets from its events is one its
 * view names, but for those left out on purpose. A new field an event brings and no view names fails here instead of
 * vanishing from the API silently.
 */
class ReferenceViewsCompletenessTest extends ApiTest {
    /** Fields the documents keep that the views leave out on purpose, each as View.field. */
    private static final Set<String> LEFT_OUT = Set.of(
            "ContractServiceView.contractId",    // a service is shown inside its contract
            "ResourceRatesChange.resourceId");   // a rate change inside its resource

    private static final Map<String, Class<?>> VIEWS = Map.of("COMPANY", ReferenceViews.CompanyView.class,
            "SLA", ReferenceViews.SlaView.class, "CONTRACT", ReferenceViews.ContractView.class,
            "RESOURCE", ReferenceViews.ResourceView.class, "DEVICE", ReferenceViews.DeviceView.class);

    @Autowired
    ObjectMapper json;

    @Test
    void everyFieldOfEveryReferenceDocumentIsNamedByItsView() throws Exception {
        everyKindWithEveryChange();
        Set<String> unnamed = new TreeSet<>();
        ObjectMapper reader = json.copy().addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                                 JsonDeserializer<?> deserializer, Object beanOrClass,
                                                 String property) throws IOException {
                Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
                unnamed.add(type.getSimpleName() + "." + property);
                parser.skipChildren();
                return true;
            }
        });
        Set<String> kinds = new TreeSet<>();
        for (Map<String, Object> row : jdbc.queryForList("select kind, document from entity_view")) {
            String kind = (String) row.get("kind");
            kinds.add(kind);
            reader.readValue((String) row.get("document"), VIEWS.get(kind));
        }
        assertThat(kinds).as("a document of every kind was read").containsAll(VIEWS.keySet());
        assertThat(unnamed).as("document fields no view names").isSubsetOf(LEFT_OUT);
    }

    /** A company, SLA, contract with a service, resource and device, each changed every way there is. */
    private void everyKindWithEveryChange() {
        Map<String, Object> target = Map.of("firstResponse", 15, "resolutionPlan", 60, "resolved", 240);
        Map<String, Object> sla = Map.of("name", "Standard", "hours", "24x7", "defaultPriority", 3,
                "severityPriorities", Map.of("CRITICAL", 1),
                "targets", Map.of("1", target, "2", target, "3", target, "4", target));
        String slaId = created(api.post("/api/slas", sla));
        assertThat(api.put("/api/slas/" + slaId + "/terms", sla).status()).isEqualTo(204);
        String contract = created(api.post("/api/contracts", Map.of("companyId", acme, "name", "Care",
                "type", "FIXED_PRICE", "startDate", "2026-01-01", "endDate", "2026-12-31", "slaId", slaId,
                "hourlyRate", 100, "value", 12000)));
        String service = created(api.post("/api/contracts/" + contract + "/services", Map.of("name", "Backup",
                "unitPrice", 30, "unitCost", 12, "units", 10, "period", "MONTHLY")));
        String device = created(api.post("/api/devices", Map.of("companyId", acme, "name", "Mail server",
                "type", "SERVER", "serialNumber", "SN-1", "rmmDeviceId", "rmm-1", "contractId", contract,
                "contractServiceId", service)));
        assertThat(api.put("/api/contracts/" + contract + "/details", Map.of("name", "Care plus", "slaId", slaId))
                      .status()).isEqualTo(204);
        assertThat(api.post("/api/contracts/" + contract + "/terms", Map.of("effectiveFrom", "2026-03-01",
                "hourlyRate", 110)).status()).isEqualTo(204);
        assertThat(api.post("/api/contracts/" + contract + "/services/" + service + "/terms", Map.of(
                "effectiveFrom", "2026-03-01", "unitPrice", 32)).status()).isEqualTo(204);
        assertThat(api.put("/api/contracts/" + contract + "/services/" + service + "/last-day",
                Map.of("lastDay", "2026-11-30")).status()).isEqualTo(204);
        assertThat(api.put("/api/companies/" + acme + "/default-contract", Map.of("contractId", contract)).status())
                .isEqualTo(204);
        assertThat(api.put("/api/companies/" + acme + "/name", Map.of("name", "Acme Corp")).status()).isEqualTo(204);
        String resource = resource("Tina");
        assertThat(api.post("/api/resources/" + resource + "/rates", Map.of("effectiveFrom", "2026-02-01",
                "internalCostRate", 45, "billingRate", 95)).status()).isEqualTo(204);
        assertThat(api.put("/api/resources/" + resource + "/name", Map.of("name", "Tina M.")).status())
                .isEqualTo(204);
        assertThat(api.post("/api/resources/" + resource + "/deactivation", Map.of()).status()).isEqualTo(204);
        assertThat(api.put("/api/devices/" + device + "/name", Map.of("name", "Mail server 2")).status())
                .isEqualTo(204);
        readUntil("/api/devices/" + device, r -> r.status() == 200 && r.json().path("contractId").isTextual());
        assertThat(api.delete("/api/devices/" + device + "/contract").status()).isEqualTo(204);
        assertThat(api.post("/api/slas/" + slaId + "/deactivation", Map.of()).status()).isEqualTo(204);
        assertThat(api.post("/api/companies/" + acme + "/deactivation", Map.of()).status()).isEqualTo(204);
        assertThat(api.post("/api/devices/" + device + "/deactivation", Map.of()).status()).isEqualTo(204);
        readUntil("/api/devices/" + device, r -> r.status() == 200 && !r.json().path("active").asBoolean());
        readUntil("/api/companies/" + acme, r -> r.status() == 200 && !r.json().path("active").asBoolean());
        readUntil("/api/slas/" + slaId, r -> r.status() == 200 && !r.json().path("active").asBoolean());
        readUntil("/api/resources/" + resource, r -> r.status() == 200 && !r.json().path("active").asBoolean());
        readUntil("/api/contracts/" + contract, r -> r.status() == 200
                && r.json().path("services").path(0).has("lastDay")
                && !r.json().path("services").path(0).path("lastDay").isNull());
    }
}
