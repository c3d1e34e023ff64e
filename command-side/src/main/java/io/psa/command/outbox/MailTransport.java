package io.psa.command.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.psa.api.outsourcing.ForwardChannel;
import io.psa.platform.PsaProperties;
import io.psa.platform.content.ContentStore;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Optional;

/**
 * E-mail through the SMTP server of {@code spring.mail.*}. Without one (the embedded default) mails wait in the
 * outbox, visible to admins, and go out once a server is configured. {@code X-PSA-Delivery} names the message.
 */
@Component
class MailTransport implements Transport {
    private final ObjectProvider<JavaMailSender> mailSender;
    private final ContentStore contents;
    private final ObjectMapper json;
    private final String from;

    MailTransport(ObjectProvider<JavaMailSender> mailSender, ContentStore contents, ObjectMapper json,
                  PsaProperties properties) {
        this.mailSender = mailSender;
        this.contents = contents;
        this.json = json;
        this.from = properties.mailFrom();
    }

    @Override
    public ForwardChannel channel() {
        return ForwardChannel.EMAIL;
    }

    @Override
    public Optional<String> notReady() {
        return mailSender.getIfAvailable() == null
                ? Optional.of("no mail server is configured (spring.mail.host): the mail waits in the outbox")
                : Optional.empty();
    }

    @Override
    public void send(Outbox.Message message) throws Undeliverable {
        JavaMailSender sender = mailSender.getObject();
        try {
            MailContent mail = json.readValue(message.payload(), MailContent.class);
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, !mail.attachments().isEmpty(), "UTF-8");
            helper.setFrom(from);
            helper.setTo(message.target());
            helper.setSubject(mail.subject());
            helper.setText(mail.text());
            for (MailContent.File file : mail.attachments()) {
                byte[] content = contents.get(file.sha256()).orElseThrow(() -> new IllegalStateException(
                        "attachment content " + file.sha256() + " is not stored"));
                helper.addAttachment(file.fileName(), new ByteArrayResource(content), file.contentType());
            }
            mime.setHeader(WebhookTransport.DELIVERY, message.messageId());
            sender.send(mime);
        } catch (MailParseException | MessagingException | IOException | IllegalStateException broken) {
            throw new Undeliverable("the mail cannot be built (" + broken.getClass().getSimpleName() + ")", true);
        } catch (MailException refused) {
            throw new Undeliverable("the mail server refused it or cannot be reached ("
                                    + refused.getClass().getSimpleName() + ")", false);
        }
    }
}
