package io.psa.standalone;

import io.psa.api.outsourcing.OutsourcingSide;
import io.psa.command.outsourcing.PartnerFacts;
import io.psa.platform.test.ApiClient;
import io.psa.platform.test.SchemaPerTestClass;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One instance of the system for partner tests: its own Spring context, its own database schema, a fixed port (so it
 * comes back at the address its partner knows after a stop) and its own profile.
 */
final class PartnerInstances {
    static final class Instance {
        final String name;
        final String language;
        final int port;
        private final String[] arguments;
        private ConfigurableApplicationContext context;
        /** Every exchange with this instance, checked against the OpenAPI document it serves. */
        private OpenApiConformance conformance;

        Instance(Class<?> owner, String name, String language) {
            this.name = name;
            this.language = language;
            this.port = freePort();
            // both instances listen on loopback, which an instance calls only when its operator allows it; tickets
            // are snapshotted early, so that what reads a ticket's whole history meets snapshots
            this.arguments = SchemaPerTestClass.arguments(owner, "--server.port=" + port, "--psa.instance-id=" + name,
                    "--psa.outbound-allow-private=true", "--psa.snapshot-threshold=2");
        }

        Instance start() {
            context = PsaStandaloneApplication.application().run(arguments);
            return this;
        }

        void stop() {
            if (context != null) {
                context.close();
                context = null;
            }
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        ApiClient api() {
            if (conformance == null) {
                conformance = OpenApiConformance.of(port);
            }
            return new ApiClient(port).observedBy(conformance);
        }

        JdbcTemplate jdbc() {
            return context.getBean(JdbcTemplate.class);
        }

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        /** Sets name, language and address; {@code outsources} also accepts the outsourcing terms. */
        Instance configure(boolean outsources) {
            ApiClient.Response configured = api().put("/api/instance", Map.of("name", name, "language", language,
                    "publicBaseUrl", baseUrl()));
            assertThat(configured.status()).as(configured.toString()).isEqualTo(200);
            if (outsources) {
                assertThat(api().post("/api/outsourcing/terms/acceptance", Map.of()).status()).isEqualTo(200);
            }
            return this;
        }
    }

    private PartnerInstances() {
    }

    /** Stops every instance, then checks that each exchange with them was as their OpenAPI document says. */
    static void stop(Instance... instances) {
        for (Instance instance : instances) {
            instance.stop();
        }
        for (Instance instance : instances) {
            if (instance.conformance != null) {
                assertThat(instance.conformance.violations())
                        .as("exchanges with " + instance.name + " not as its OpenAPI document says").isEmpty();
            }
        }
    }

    /** Invites {@code partner} on {@code lead} and accepts there; answers the agreement id both sides share. */
    static String pair(Instance lead, Instance partner) {
        ApiClient.Response invitation = lead.api().post("/api/partners/invitations",
                Map.of("kind", "PARTNER", "name", partner.name, "contact", "dispatch@" + partner.name));
        assertThat(invitation.status()).as(invitation.toString()).isEqualTo(201);
        ApiClient.Response accepted = partner.api().post("/api/partners/invitations/acceptance",
                Map.of("leadBaseUrl", lead.baseUrl(), "invitationCode",
                        invitation.json().path("invitationCode").asText()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.id()).isEqualTo(invitation.id());
        return accepted.id();
    }

    /**
     * Opens a ticket at the lead, outsources it by the agreement and has the partner accept it; answers the lead's
     * ticket id once both sides show it ACCEPTED.
     */
    static String outsourcedAndAccepted(Instance lead, Instance partner, String agreementId, String companyId,
                                        String title) {
        String ticket = lead.api().post("/api/tickets", Map.of("companyId", companyId, "title", title)).id();
        assertThat(lead.api().post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", agreementId))
                       .status()).isEqualTo(204);
        String copy = PartnerFacts.localTicketId(agreementId, OutsourcingSide.PARTNER, ticket);
        eventually(() -> partner.api().get("/api/tickets/" + copy), r -> r.status() == 200
                && "ASSIGNED".equals(r.json().path("outsourcing").path("status").asText()));
        assertThat(partner.api().post("/api/tickets/" + copy + "/insourcing/accept", Map.of()).status())
                .isEqualTo(204);
        eventually(() -> lead.api().get("/api/tickets/" + ticket),
                r -> "ACCEPTED".equals(r.json().path("outsourcing").path("status").asText()));
        return ticket;
    }

    static ApiClient.Response eventually(Supplier<ApiClient.Response> read, Predicate<ApiClient.Response> until) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(read::get, until);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
