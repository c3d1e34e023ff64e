package io.psa.command.ticket;

import io.psa.platform.axon.CommandTransaction;
import io.psa.platform.web.ProblemAnswer;
import io.psa.platform.web.RefusedInBatch;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.psa.api.rule.Limits.ID_LENGTH;
import static io.psa.api.ticket.TicketCommands.*;
import static io.psa.command.ticket.TicketRequests.*;

/**
 * Several ticket commands in one request and one transaction, for integrations, imports and alert storms: all of
 * them are stored or none, each under the same rules, audit metadata and (for the whole batch) Idempotency-Key as
 * when sent alone. A command may name the ticket an earlier one of the batch opened: {@code "ticketId": "#0"}.
 */
@RestController
@RequestMapping("/api/tickets/batch")
@Tag(name = "Ticket commands")
public class TicketBatchController {
    /** The most commands one batch carries. */
    static final int MOST_COMMANDS = 100;

    /**
     * One command: exactly one of its operations, on the ticket {@code ticketId} (an id, or {@code #n} for the ticket
     * the n-th command of the batch opened; none for {@code open}).
     */
    public record BatchCommand(@Size(max = ID_LENGTH) String ticketId, @Valid OpenTicketRequest open,
                               @Valid NoteRequest addNote, @Valid TimeEntryRequest logTime,
                               @Valid ChargeRequest addCharge, @Valid StatusRequest changeStatus) {
        long operations() {
            return Stream.of(open, addNote, logTime, addCharge, changeStatus).filter(operation -> operation != null)
                         .count();
        }
    }

    public record BatchRequest(@NotNull @Size(min = 1, max = MOST_COMMANDS) List<@NotNull @Valid BatchCommand> commands) {
    }

    /** What each command did, in the batch's order: the id and place of what it created, if it created something. */
    public record BatchResult(int command, String id, String location) {
    }

    public record BatchAnswer(List<BatchResult> results) {
    }

    private final CommandGateway commands;
    private final CommandTransaction transaction;
    private final TicketOpening opening;

    public TicketBatchController(CommandGateway commands, CommandTransaction transaction, TicketOpening opening) {
        this.commands = commands;
        this.transaction = transaction;
        this.opening = opening;
    }

    @PostMapping
    public BatchAnswer run(@Valid @RequestBody BatchRequest batch, HttpServletRequest request) {
        for (int i = 0; i < batch.commands().size(); i++) {
            if (batch.commands().get(i).operations() != 1) {
                RefusedInBatch.refused(request, i);
                throw new ProblemAnswer(HttpStatus.BAD_REQUEST, "Command " + i + " of the batch names "
                        + batch.commands().get(i).operations() + " operations; each names exactly one of open, addNote, "
                        + "logTime, addCharge and changeStatus.");
            }
        }
        List<BatchResult> results = new ArrayList<>(batch.commands().size());
        transaction.run(() -> {
            for (BatchCommand command : batch.commands()) {
                int index = results.size();
                try {
                    results.add(execute(index, command, results));
                } catch (RuntimeException refusal) {
                    RefusedInBatch.refused(request, index);
                    throw refusal;
                }
            }
        });
        return new BatchAnswer(results);
    }

    private BatchResult execute(int index, BatchCommand command, List<BatchResult> earlier) {
        if (command.open() != null) {
            OpenTicketRequest open = command.open();
            String ticketId = opening.open(new TicketOpening.Request(open.companyId(), open.title(),
                    open.description(), open.priorityOrNull(), open.deviceId(), open.contractId(),
                    open.contractServiceId(), null, null));
            return new BatchResult(index, ticketId, "/api/tickets/" + ticketId);
        }
        String ticketId = ticket(command.ticketId(), earlier);
        if (command.addNote() != null) {
            return added(index, ticketId, "notes", id -> new AddNote(ticketId, id, command.addNote().content()));
        }
        if (command.logTime() != null) {
            return added(index, ticketId, "time-entries", id -> new LogTime(ticketId, id, command.logTime().content()));
        }
        if (command.addCharge() != null) {
            return added(index, ticketId, "charges", id -> new AddCharge(ticketId, id, command.addCharge().content()));
        }
        commands.sendAndWait(new ChangeTicketStatus(ticketId, command.changeStatus().status()));
        return new BatchResult(index, null, null);
    }

    private BatchResult added(int index, String ticketId, String collection, Function<String, Object> commandFor) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(commandFor.apply(id));
        return new BatchResult(index, id, "/api/tickets/" + ticketId + "/" + collection + "/" + id);
    }

    /** The ticket a command is about: given, or {@code #n}, the one the n-th command of the batch created. */
    private static String ticket(String ticketId, List<BatchResult> earlier) {
        if (ticketId == null || ticketId.isBlank()) {
            throw new IllegalArgumentException("Command " + earlier.size() + " of the batch names no ticketId.");
        }
        if (!ticketId.startsWith("#")) {
            return ticketId;
        }
        int opener;
        try {
            opener = Integer.parseInt(ticketId.substring(1));
        } catch (NumberFormatException notANumber) {
            opener = -1;
        }
        if (opener < 0 || opener >= earlier.size() || earlier.get(opener).id() == null
            || !earlier.get(opener).location().equals("/api/tickets/" + earlier.get(opener).id())) {
            throw new IllegalArgumentException("Command " + earlier.size() + " of the batch names " + ticketId
                    + ", which is no ticket an earlier command of the batch opened.");
        }
        return earlier.get(opener).id();
    }
}
