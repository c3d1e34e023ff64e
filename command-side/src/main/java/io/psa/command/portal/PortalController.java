package io.psa.command.portal;

import io.psa.api.outsourcing.OutsourcingTransition;
import io.psa.api.outsourcing.PartnerAuthor;
import io.psa.api.outsourcing.SyncFact;
import io.psa.api.rule.Limits;
import io.psa.api.rule.RuleViolation;
import io.psa.api.rule.UnknownItem;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.ChargeContent;
import io.psa.api.ticket.Hours;
import io.psa.api.ticket.Money;
import io.psa.api.ticket.NoteContent;
import io.psa.api.ticket.StoredFile;
import io.psa.api.ticket.TimeEntryContent;
import io.psa.api.ticket.Visibility;
import io.psa.command.outsourcing.PartnerDirectory;
import io.psa.platform.Now;
import io.psa.platform.axon.AuditMetadata;
import io.psa.platform.axon.CommandTransaction;
import io.psa.platform.content.ContentStore;
import io.psa.platform.content.FileNames;
import io.psa.platform.validation.Amount;
import io.psa.platform.validation.InDateRange;
import io.psa.platform.validation.PlainText;
import io.psa.platform.validation.Quantity;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static io.psa.api.outsourcing.AgreementMessages.JoinPortal;
import static io.psa.api.rule.Limits.*;
import static io.psa.api.ticket.TicketCommands.ApplyPartnerFact;
import static io.psa.api.ticket.TicketCommands.ChargeSubcontractorFee;

/**
 * The subcontractor portal: pages of this instance (no front-end build), usable on a phone. A subcontractor sees the
 * tickets outsourced to it, accepts or declines them, adds notes, time, charges and files, and reports them done.
 * Behind the pages are the partner's commands on the lead's ticket ({@code ApplyPartnerFact}: the same moves and
 * rules, own items only, the accept-by time), recorded with the subcontractor as the actor; an acceptance also
 * charges the lead the agreement's fee, in the same transaction.
 */
@Controller
@Hidden   // pages for people, not part of the API
public class PortalController {
    record NoteForm(@NotBlank @Size(max = TITLE_LENGTH) @PlainText String title,
                    @NotBlank @Size(max = NOTE_TEXT_LENGTH) @PlainText String text) {
    }

    record TimeForm(@NotNull @InDateRange @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate workDate,
                    @NotNull @DecimalMin("0.01") @DecimalMax("24") BigDecimal hoursWorked,
                    @Size(max = SUMMARY_LENGTH) @PlainText String summary) {
    }

    record ChargeForm(@InDateRange @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                      @NotBlank @Size(max = CHARGE_DESCRIPTION_LENGTH) @PlainText String description,
                      @NotNull @DecimalMin("0.0001") @Quantity BigDecimal quantity,
                      @NotNull @PositiveOrZero @Amount BigDecimal unitCost,
                      @NotNull @PositiveOrZero @Amount BigDecimal unitPrice) {
    }

    record ReasonForm(@NotBlank @Size(max = SUMMARY_LENGTH) @PlainText String reason) {
    }

    /** The password's encoder (BCrypt) takes at most 72 bytes. */
    record PasswordForm(@NotBlank @Size(max = 200) String code, @NotBlank @Size(min = 12, max = 72) String password,
                        @NotBlank String repeated) {
        boolean acceptable() {
            return password.equals(repeated) && password.getBytes(StandardCharsets.UTF_8).length <= 72
                   && Limits.isPlainText(password);
        }
    }

    private final PortalTickets tickets;
    private final PortalAccounts accounts;
    private final PartnerDirectory directory;
    private final CommandGateway commands;
    private final CommandTransaction transaction;
    private final ContentStore contents;
    private final PasswordEncoder passwords;
    private final long maxFileSize;

    public PortalController(PortalTickets tickets, PortalAccounts accounts, PartnerDirectory directory,
                            CommandGateway commands, CommandTransaction transaction, ContentStore contents,
                            PasswordEncoder passwords, io.psa.platform.PsaProperties properties) {
        this.tickets = tickets;
        this.accounts = accounts;
        this.directory = directory;
        this.commands = commands;
        this.transaction = transaction;
        this.contents = contents;
        this.passwords = passwords;
        this.maxFileSize = properties.attachmentMaxSize().toBytes();
    }

    @GetMapping("/portal/login")
    public String login() {
        return "portal/login";
    }

    @GetMapping("/portal/password")
    public String passwordForm(@RequestParam(defaultValue = "") String code, Model model) {
        model.addAttribute("code", code);
        model.addAttribute("valid", code.length() <= 200 && accounts.codeValid(code));
        return "portal/password";
    }

    /** Sets the password with the one-time code; the first time, the subcontractor's agreement becomes ACTIVE. */
    @PostMapping("/portal/password")
    public ModelAndView setPassword(@Valid @ModelAttribute PasswordForm form, BindingResult errors, Model model) {
        model.addAttribute("code", form.code());
        model.addAttribute("valid", true);
        if (errors.hasErrors() || !accounts.codeValid(form.code())) {
            model.addAttribute("valid", !errors.hasFieldErrors("code") && accounts.codeValid(form.code()));
            model.addAttribute("problem", "Choose a password of 12 to 72 characters and repeat it exactly.");
            return view("portal/password", model, HttpStatus.BAD_REQUEST);
        }
        if (!form.acceptable()) {
            model.addAttribute("problem", "Choose a password of 12 to 72 characters and repeat it exactly.");
            return view("portal/password", model, HttpStatus.BAD_REQUEST);
        }
        String hash = passwords.encode(form.password());
        boolean set = transaction.call(() -> accounts.setPassword(form.code(), hash).map(agreementId -> {
            commands.sendAndWait(new JoinPortal(agreementId));
            return true;
        }).orElse(false));
        if (!set) {
            model.addAttribute("valid", false);
            return view("portal/password", model, HttpStatus.BAD_REQUEST);
        }
        return new ModelAndView("redirect:/portal/login?ready");
    }

    @GetMapping("/portal/")
    public String tickets(@AuthenticationPrincipal PortalAccounts.PortalUser user, Model model) {
        active(user);
        model.addAttribute("subcontractor", directory.find(user.agreementId()).map(PartnerDirectory.Agreement::name)
                                                     .orElse(user.email()));
        model.addAttribute("tickets", tickets.of(user.agreementId()));
        return "portal/tickets";
    }

    @GetMapping("/portal/tickets/{ticketId}")
    public String ticket(@AuthenticationPrincipal PortalAccounts.PortalUser user, @PathVariable String ticketId,
                         Model model) {
        active(user);
        model.addAttribute("t", visible(user, ticketId));
        model.addAttribute("today", Now.dateUtc());
        return "portal/ticket";
    }

    /** Accepting charges the agreement's fee to the lead, in the same transaction: once per acceptance. */
    @PostMapping("/portal/tickets/{ticketId}/accept")
    public String accept(@AuthenticationPrincipal PortalAccounts.PortalUser user, @PathVariable String ticketId,
                         RedirectAttributes flash) {
        PartnerDirectory.Agreement agreement = directory.find(user.agreementId()).orElseThrow();
        return act(user, ticketId, flash, "Accepted.", () -> {
            send(user, ticketId, move(ticketId, OutsourcingTransition.ACCEPT, null, user));
            send(user, ticketId, new ChargeSubcontractorFee(ticketId, user.agreementId(), agreement.name(),
                    Money.of(agreement.feePerAcceptance())));
        });
    }

    @PostMapping("/portal/tickets/{ticketId}/decline")
    public String decline(@AuthenticationPrincipal PortalAccounts.PortalUser user, @PathVariable String ticketId,
                          @Valid @ModelAttribute ReasonForm form, BindingResult errors, RedirectAttributes flash) {
        return act(user, ticketId, flash, errors, "Declined.",
                () -> send(user, ticketId, move(ticketId, OutsourcingTransition.DECLINE, form.reason(), user)));
    }

    @PostMapping("/portal/tickets/{ticketId}/complete")
    public String complete(@AuthenticationPrincipal PortalAccounts.PortalUser user, @PathVariable String ticketId,
                           RedirectAttributes flash) {
        return act(user, ticketId, flash, "Reported done: the lead approves or rejects it.",
                () -> send(user, ticketId, move(ticketId, OutsourcingTransition.REPORT_DONE, null, user)));
    }

    @PostMapping("/portal/tickets/{ticketId}/notes")
    public String note(@AuthenticationPrincipal PortalAccounts.PortalUser user, @PathVariable String ticketId,
                       @Valid @ModelAttribute NoteForm form, BindingResult errors, RedirectAttributes flash) {
        return act(user, ticketId, flash, errors, "Note added.", () -> send(user, ticketId, item(ticketId,
                SyncFact.ItemKind.NOTE, user, new NoteContent(form.title(), form.text(), Visibility.EXTERNAL), null,
                null, null, null)));
    }

    @PostMapping("/portal/tickets/{ticketId}/time-entries")
    public String time(@AuthenticationPrincipal PortalAccounts.PortalUser user, @PathVariable String ticketId,
                       @Valid @ModelAttribute TimeForm form, BindingResult errors, RedirectAttributes flash) {
        return act(user, ticketId, flash, errors, "Time logged.", () -> {
            Hours hours = Hours.of(form.hoursWorked());
            send(user, ticketId, item(ticketId, SyncFact.ItemKind.TIME_ENTRY, user, null, new TimeEntryContent(
                    Limits.abbreviated(user.email(), ID_LENGTH), form.workDate(), hours, hours, true, form.summary()),
                    null, null, null));
        });
    }

    @PostMapping("/portal/tickets/{ticketId}/charges")
    public String charge(@AuthenticationPrincipal PortalAccounts.PortalUser user, @PathVariable String ticketId,
                         @Valid @ModelAttribute ChargeForm form, BindingResult errors, RedirectAttributes flash) {
        return act(user, ticketId, flash, errors, "Charge added.", () -> send(user, ticketId, item(ticketId,
                SyncFact.ItemKind.CHARGE, user, null, null, new ChargeContent(form.date() != null ? form.date()
                        : Now.dateUtc(), form.description(), form.quantity(), Money.of(form.unitCost()),
                        Money.of(form.unitPrice()), true), null, null)));
    }

    @PostMapping(path = "/portal/tickets/{ticketId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public String attachment(@AuthenticationPrincipal PortalAccounts.PortalUser user, @PathVariable String ticketId,
                             @RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "") String title,
                             RedirectAttributes flash) throws IOException {
        if (file.isEmpty() || file.getSize() > maxFileSize || title.isBlank() || title.length() > TITLE_LENGTH
            || !Limits.isPlainText(title)) {
            flash.addFlashAttribute("problem", "Choose a file of at most " + maxFileSize + " bytes and give it a title.");
            return "redirect:/portal/tickets/" + ticketId;
        }
        byte[] bytes = file.getBytes();
        return act(user, ticketId, flash, "File added.", () -> {
            String sha256 = contents.put(bytes);
            send(user, ticketId, item(ticketId, SyncFact.ItemKind.ATTACHMENT, user, null, null, null,
                    new AttachmentContent(title, Visibility.EXTERNAL), new StoredFile(
                            FileNames.fileName(file.getOriginalFilename()), FileNames.contentType(file.getContentType()),
                            bytes.length, sha256)));
        });
    }

    /** A file of the ticket this subcontractor may see: the lead's EXTERNAL ones and its own. */
    @GetMapping("/portal/tickets/{ticketId}/attachments/{attachmentId}")
    public ResponseEntity<byte[]> file(@AuthenticationPrincipal PortalAccounts.PortalUser user,
                                       @PathVariable String ticketId, @PathVariable String attachmentId) {
        active(user);
        var attachment = visible(user, ticketId).attachments().stream()
                .filter(entry -> entry.path("id").asText().equals(attachmentId)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var stored = attachment.path("content").path("file");
        byte[] content = contents.get(stored.path("sha256").asText())
                                 .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(FileNames.contentType(
                        stored.path("contentType").asText(null))))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(stored.path("fileName").asText("file"), StandardCharsets.UTF_8).build().toString())
                .body(content);
    }

    private PortalTickets.PortalTicket visible(PortalAccounts.PortalUser user, String ticketId) {
        return tickets.find(user.agreementId(), ticketId)
                      .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** A suspended or terminated agreement closes the portal at once, also for sessions already signed in. */
    private void active(PortalAccounts.PortalUser user) {
        if (!accounts.active(user.agreementId())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The agreement is not active.");
        }
    }

    private String act(PortalAccounts.PortalUser user, String ticketId, RedirectAttributes flash, BindingResult errors,
                       String done, Runnable work) {
        if (errors.hasErrors()) {
            flash.addFlashAttribute("problem", "Please check: " + errors.getFieldErrors().stream()
                    .map(error -> error.getField() + " " + error.getDefaultMessage())
                    .reduce((a, b) -> a + "; " + b).orElse("the form") + ".");
            return "redirect:/portal/tickets/" + ticketId;
        }
        return act(user, ticketId, flash, done, work);
    }

    /** Runs the commands in one transaction; a refusal becomes a message on the ticket's page, and nothing is kept. */
    private String act(PortalAccounts.PortalUser user, String ticketId, RedirectAttributes flash, String done,
                       Runnable work) {
        active(user);
        visible(user, ticketId);
        try {
            transaction.run(work);
            flash.addFlashAttribute("done", done);
        } catch (RuleViolation | UnknownItem | AggregateNotFoundException | IllegalArgumentException refused) {
            flash.addFlashAttribute("problem", refused.getMessage());
        }
        return "redirect:/portal/tickets/" + ticketId;
    }

    private void send(PortalAccounts.PortalUser user, String ticketId, Object command) {
        commands.sendAndWait(AuditMetadata.onBehalfOf(PartnerAuthor.of(user.agreementId(), user.email()), command)
                                          .andMetaData(Map.of(io.psa.api.message.MessageMetadata.ORIGIN, "portal")));
    }

    private static ApplyPartnerFact move(String ticketId, OutsourcingTransition transition, String reason,
                                         PortalAccounts.PortalUser user) {
        return new ApplyPartnerFact(ticketId, user.agreementId(), new SyncFact(0, UUID.randomUUID().toString(),
                Now.instant(), ticketId, SyncFact.Type.TRANSITION, null, transition, reason, null, null, user.email(),
                null, null, null, null, null));
    }

    private static ApplyPartnerFact item(String ticketId, SyncFact.ItemKind kind, PortalAccounts.PortalUser user,
                                         NoteContent note, TimeEntryContent time, ChargeContent charge,
                                         AttachmentContent attachment, StoredFile file) {
        return new ApplyPartnerFact(ticketId, user.agreementId(), new SyncFact(0, UUID.randomUUID().toString(),
                Now.instant(), ticketId, SyncFact.Type.ITEM_SHARED, null, null, null, kind,
                UUID.randomUUID().toString(), user.email(), note, time, charge, attachment, file));
    }

    private static ModelAndView view(String name, Model model, HttpStatus status) {
        ModelAndView view = new ModelAndView(name, model.asMap());
        view.setStatus(status);
        return view;
    }
}
