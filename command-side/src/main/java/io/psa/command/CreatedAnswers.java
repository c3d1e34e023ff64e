package io.psa.command;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

/** The answer to a command that creates something: 201, its Location and {"id": ...}. */
public final class CreatedAnswers {
    public record Created(String id) {
    }

    private CreatedAnswers() {
    }

    /** Sends the command that creates something under a new id, and answers with where it is. */
    public static ResponseEntity<Created> create(CommandGateway commands, String locationPrefix,
                                                 Function<String, Object> commandFor) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(commandFor.apply(id));
        return created(locationPrefix + id, id);
    }

    public static ResponseEntity<Created> created(String location, String id) {
        return ResponseEntity.created(URI.create(location)).body(new Created(id));
    }
}
