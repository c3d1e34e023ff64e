package io.psa.platform.axon;

import io.psa.api.message.MessageMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Stamps every command with who sent it, the request's correlation id and this instance as origin, unless the
 * sender already said so (a fact applied from a partner keeps the partner as origin). The events the command
 * causes inherit these keys through the correlation data provider.
 */
public class AuditMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {
    /** MDC key under which the web layer keeps the current request's correlation id. */
    public static final String MDC_CORRELATION_ID = "correlationId";
    /** The actor of what the system does by itself (notes it adds, for instance). */
    public static final String SYSTEM_ACTOR = "system";

    private final String instanceId;

    public AuditMetadata(String instanceId) {
        this.instanceId = instanceId;
    }

    /** The command sent on behalf of {@code actor} (the system, a monitoring tool) instead of the requesting user. */
    public static CommandMessage<?> onBehalfOf(String actor, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(MessageMetadata.ACTOR, actor));
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.andMetaData(missingKeys(command.getMetaData()));
    }

    private Map<String, Object> missingKeys(MetaData present) {
        Map<String, Object> added = new HashMap<>();
        if (!present.containsKey(MessageMetadata.ACTOR)) {
            added.put(MessageMetadata.ACTOR, currentActor());
        }
        if (!present.containsKey(MessageMetadata.CORRELATION_ID)) {
            String fromRequest = MDC.get(MDC_CORRELATION_ID);
            added.put(MessageMetadata.CORRELATION_ID, fromRequest != null ? fromRequest : UUID.randomUUID().toString());
        }
        if (!present.containsKey(MessageMetadata.ORIGIN)) {
            added.put(MessageMetadata.ORIGIN, instanceId);
        }
        return added;
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() ? authentication.getName() : SYSTEM_ACTOR;
    }
}
