package io.psa.command.ticket;

import io.psa.api.rule.Limits;
import io.psa.api.rule.RuleViolation;
import io.psa.api.ticket.AttachmentContent;
import io.psa.api.ticket.StoredFile;
import io.psa.api.ticket.Visibility;
import io.psa.command.CreatedAnswers;
import io.psa.command.CreatedAnswers.Created;
import io.psa.platform.content.ContentStore;
import io.psa.platform.content.FileNames;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import io.psa.platform.validation.PlainText;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import io.psa.platform.axon.CommandTransaction;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.UUID;
import java.util.function.Function;

import static io.psa.api.ticket.TicketCommands.*;
import static io.psa.command.ticket.TicketRequests.*;

/** The REST command API of tickets: each call becomes one command, answered once its events are stored. */
@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Ticket commands")
public class TicketCommandController {
    private final CommandGateway commands;
    private final ContentStore contents;
    private final CommandTransaction transaction;
    private final TicketOpening opening;

    public TicketCommandController(CommandGateway commands, ContentStore contents, CommandTransaction transaction,
                                   TicketOpening opening) {
        this.commands = commands;
        this.contents = contents;
        this.transaction = transaction;
        this.opening = opening;
    }

    /**
     * Without a contract the ticket gets one by precedence: the company's default, replaced by the device's contract
     * when a device is given; the contract's SLA sets the priority (unless one is given) and the due times.
     */
    @PostMapping
    public ResponseEntity<Created> open(@Valid @RequestBody OpenTicketRequest request) {
        String ticketId = opening.open(new TicketOpening.Request(request.companyId(), request.title(),
                request.description(), request.priorityOrNull(), request.deviceId(), request.contractId(),
                request.contractServiceId(), null, null));
        return CreatedAnswers.created("/api/tickets/" + ticketId, ticketId);
    }

    /** A person moves the ticket to another contract and service. */
    @PutMapping("/{ticketId}/contract")
    public ResponseEntity<Void> changeContract(@PathVariable String ticketId,
                                               @Valid @RequestBody ContractChangeRequest request) {
        return done(new ChangeTicketContract(ticketId, request.contractId(), request.contractServiceId()));
    }

    /** The plan meets the SLA's resolution plan target. */
    @PostMapping("/{ticketId}/resolution-plan")
    public ResponseEntity<Void> provideResolutionPlan(@PathVariable String ticketId,
                                                      @Valid @RequestBody ResolutionPlanRequest request) {
        return done(new ProvideResolutionPlan(ticketId, request.plan()));
    }

    @PostMapping("/{ticketId}/status")
    public ResponseEntity<Void> changeStatus(@PathVariable String ticketId, @Valid @RequestBody StatusRequest request) {
        commands.sendAndWait(new ChangeTicketStatus(ticketId, request.status()));
        return ResponseEntity.noContent().build();
    }

    /** Title and description as a person corrects them. */
    @PutMapping("/{ticketId}/details")
    public ResponseEntity<Void> changeDetails(@PathVariable String ticketId, @Valid @RequestBody DetailsRequest request) {
        return done(new ChangeTicketDetails(ticketId, request.title(), request.description()));
    }

    /** The running SLA targets follow the new priority. */
    @PutMapping("/{ticketId}/priority")
    public ResponseEntity<Void> changePriority(@PathVariable String ticketId,
                                               @Valid @RequestBody PriorityRequest request) {
        return done(new ChangeTicketPriority(ticketId, request.value()));
    }

    /** The technician responsible (a registered resource) and the queue the ticket waits in. */
    @PutMapping("/{ticketId}/assignment")
    public ResponseEntity<Void> assign(@PathVariable String ticketId, @Valid @RequestBody AssignmentRequest request) {
        return done(new AssignTicket(ticketId, request.resourceIdOrNull(), request.queueOrNull()));
    }

    @DeleteMapping("/{ticketId}/assignment")
    public ResponseEntity<Void> unassign(@PathVariable String ticketId) {
        return done(new AssignTicket(ticketId, null, null));
    }

    @PostMapping("/{ticketId}/notes")
    public ResponseEntity<Created> addNote(@PathVariable String ticketId, @Valid @RequestBody NoteRequest request) {
        return addItem(ticketId, "notes", itemId -> new AddNote(ticketId, itemId, request.content()));
    }

    @PutMapping("/{ticketId}/notes/{noteId}")
    public ResponseEntity<Void> editNote(@PathVariable String ticketId, @PathVariable String noteId,
                                         @Valid @RequestBody NoteRequest request) {
        return done(new EditNote(ticketId, noteId, request.content()));
    }

    @DeleteMapping("/{ticketId}/notes/{noteId}")
    public ResponseEntity<Void> deleteNote(@PathVariable String ticketId, @PathVariable String noteId) {
        return done(new DeleteNote(ticketId, noteId));
    }

    @PostMapping("/{ticketId}/time-entries")
    public ResponseEntity<Created> logTime(@PathVariable String ticketId, @Valid @RequestBody TimeEntryRequest request) {
        return addItem(ticketId, "time-entries", itemId -> new LogTime(ticketId, itemId, request.content()));
    }

    @PutMapping("/{ticketId}/time-entries/{timeEntryId}")
    public ResponseEntity<Void> editTimeEntry(@PathVariable String ticketId, @PathVariable String timeEntryId,
                                              @Valid @RequestBody TimeEntryRequest request) {
        return done(new EditTimeEntry(ticketId, timeEntryId, request.content()));
    }

    @DeleteMapping("/{ticketId}/time-entries/{timeEntryId}")
    public ResponseEntity<Void> deleteTimeEntry(@PathVariable String ticketId, @PathVariable String timeEntryId) {
        return done(new DeleteTimeEntry(ticketId, timeEntryId));
    }

    @PostMapping("/{ticketId}/charges")
    public ResponseEntity<Created> addCharge(@PathVariable String ticketId, @Valid @RequestBody ChargeRequest request) {
        return addItem(ticketId, "charges", itemId -> new AddCharge(ticketId, itemId, request.content()));
    }

    @PutMapping("/{ticketId}/charges/{chargeId}")
    public ResponseEntity<Void> editCharge(@PathVariable String ticketId, @PathVariable String chargeId,
                                           @Valid @RequestBody ChargeRequest request) {
        return done(new EditCharge(ticketId, chargeId, request.content()));
    }

    @DeleteMapping("/{ticketId}/charges/{chargeId}")
    public ResponseEntity<Void> deleteCharge(@PathVariable String ticketId, @PathVariable String chargeId) {
        return done(new DeleteCharge(ticketId, chargeId));
    }

    /**
     * Stores the file and records the attachment in one transaction: a refused command leaves no content behind.
     * An optional {@code sha256} part lets the client have the upload's integrity checked.
     */
    @PostMapping(path = "/{ticketId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Created> addAttachment(@PathVariable String ticketId, @RequestPart("file") MultipartFile file,
                                                 @RequestParam @NotBlank @Size(max = Limits.TITLE_LENGTH) @PlainText
                                                 String title,
                                                 @RequestParam @NotNull Visibility visibility,
                                                 @RequestParam(required = false) @Pattern(regexp = "[0-9a-fA-F]{64}",
                                                         message = "is the file's SHA-256 in 64 hex digits")
                                                 String sha256) throws IOException {
        if (file.isEmpty()) {
            throw new IllegalArgumentException("The file is empty.");
        }
        byte[] bytes = file.getBytes();
        String attachmentId = UUID.randomUUID().toString();
        transaction.run(() -> {
            String stored = contents.put(bytes);
            if (sha256 != null && !sha256.equalsIgnoreCase(stored)) {
                throw new RuleViolation("content-integrity", RuleViolation.Kind.VALUE,
                        "The file's SHA-256 is " + stored + ", not the " + sha256 + " you sent: it was damaged on the way.");
            }
            commands.sendAndWait(new AddAttachment(ticketId, attachmentId, new AttachmentContent(title, visibility),
                    new StoredFile(FileNames.fileName(file.getOriginalFilename()),
                            FileNames.contentType(file.getContentType()), bytes.length, stored)));
        });
        return CreatedAnswers.created("/api/tickets/" + ticketId + "/attachments/" + attachmentId, attachmentId);
    }

    @PutMapping("/{ticketId}/attachments/{attachmentId}")
    public ResponseEntity<Void> editAttachment(@PathVariable String ticketId, @PathVariable String attachmentId,
                                               @Valid @RequestBody AttachmentRequest request) {
        return done(new EditAttachment(ticketId, attachmentId, request.content()));
    }

    @DeleteMapping("/{ticketId}/attachments/{attachmentId}")
    public ResponseEntity<Void> deleteAttachment(@PathVariable String ticketId, @PathVariable String attachmentId) {
        return done(new DeleteAttachment(ticketId, attachmentId));
    }

    /** Sends the command that adds an item under a new id, and answers 201 with the item's location. */
    private ResponseEntity<Created> addItem(String ticketId, String collection, Function<String, Object> commandFor) {
        return CreatedAnswers.create(commands, "/api/tickets/" + ticketId + "/" + collection + "/", commandFor);
    }

    private ResponseEntity<Void> done(Object command) {
        commands.sendAndWait(command);
        return ResponseEntity.noContent().build();
    }

}
