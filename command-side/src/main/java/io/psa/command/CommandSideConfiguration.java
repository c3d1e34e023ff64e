package io.psa.command;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class CommandSideConfiguration {

    /** A lookup that cannot be written (a duplicate key) must refuse the command, not be logged and skipped. */
    @Bean
    public ConfigurerModule commandLookupsRefuseOnFailure() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                CommandLookups.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
