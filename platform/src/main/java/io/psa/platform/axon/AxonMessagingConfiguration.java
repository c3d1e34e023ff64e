package io.psa.platform.axon;

import io.psa.api.message.MessageMetadata;
import io.psa.platform.PsaProperties;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class AxonMessagingConfiguration {

    /** Events inherit the actor, correlation id and origin of the command that caused them. */
    @Bean
    public static CorrelationDataProvider auditCorrelationData() {
        return new SimpleCorrelationDataProvider(
                MessageMetadata.ACTOR, MessageMetadata.CORRELATION_ID, MessageMetadata.ORIGIN);
    }

    @Autowired
    public void stampCommands(CommandBus commandBus, PsaProperties properties) {
        commandBus.registerDispatchInterceptor(new AuditMetadata(properties.instanceId()));
    }
}
