package io.psa.standalone;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.psa.platform.test.ApiClient;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notices by e-mail (a real SMTP server, GreenMail): the subcontractor hears in its language when a ticket is sent to
 * it or its work is rejected; the lead's outsourcing contact hears in the instance's language when the subcontractor
 * accepts or reports done; each move is told once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=127.0.0.1", "spring.mail.port=3025", "psa.outbox.first-retry=PT0.2S"})
class OutsourcingNoticesTest extends ApiTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    @Test
    void eachSideHearsOfTheOthersMovesOnceInItsLanguage() throws Exception {
        enableOutsourcing("Lead GmbH", "de", "dispatch@lead.example");
        PortalSession pete = new PortalSession(port);
        String agreement = pete.join(api, "Pete Repairs", "pete@repairs.example", "en");

        String ticket = openTicket(acme, "Router reboots");
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing", Map.of("agreementId", agreement,
                "acceptBy", dateTimeFromNow(Duration.ofDays(1)))).status()).isEqualTo(204);
        MimeMessage sent = mailTo("pete@repairs.example", 1).get(0);
        assertThat(sent.getSubject()).isEqualTo("New ticket for you: Router reboots");
        assertThat(GreenMailUtil.getBody(sent)).contains("Lead GmbH outsources this ticket to you.",
                "/portal/tickets/" + ticket);

        String page = "/portal/tickets/" + ticket;
        await().atMost(Duration.ofSeconds(30)).until(() -> pete.get(page).body().contains("Router reboots"));
        pete.post(page, page + "/accept", Map.of());
        MimeMessage accepted = mailTo("dispatch@lead.example", 1).get(0);
        assertThat(accepted.getSubject()).isEqualTo("Angenommen: Router reboots");
        assertThat(GreenMailUtil.getBody(accepted)).contains("Pete Repairs hat das Ticket angenommen.");

        await().atMost(Duration.ofSeconds(30)).until(() -> pete.get(page).body().contains("report-done"));
        pete.post(page, page + "/complete", Map.of());
        assertThat(mailTo("dispatch@lead.example", 2).get(1).getSubject())
                .isEqualTo("Als erledigt gemeldet: Router reboots");

        readUntil("/api/tickets/" + ticket, r -> "WAITING_APPROVAL".equals(r.json().path("outsourcing")
                .path("status").asText()));
        assertThat(api.post("/api/tickets/" + ticket + "/outsourcing/reject", Map.of("reason",
                "The router still reboots every hour")).status()).isEqualTo(204);
        MimeMessage rejected = mailTo("pete@repairs.example", 2).get(1);
        assertThat(rejected.getSubject()).isEqualTo("Work rejected: Router reboots");
        assertThat(GreenMailUtil.getBody(rejected)).contains("Reason: The router still reboots every hour");

        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(SMTP.getReceivedMessages()).as("each move told once").hasSize(4);
    }

    /** The mails to {@code address} once there are {@code count} of them, oldest first. */
    private static List<MimeMessage> mailTo(String address, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .filter(mail -> recipient(mail).equals(address)).toList(), mails -> mails.size() >= count);
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
