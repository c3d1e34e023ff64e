package io.psa.command;

import io.psa.command.outsourcing.PartnerFeed;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class CommandSideConfiguration {

    /**
     * A lookup that cannot be written (a duplicate key) must refuse the command, not be logged and skipped; a fact the
     * partner feed cannot write must be retried (the tracking processor backs off and tries again), never skipped:
     * a partner would miss it for good.
     */
    @Bean
    public ConfigurerModule failuresAreNeverSkipped() {
        return configurer -> {
            configurer.eventProcessing().registerListenerInvocationErrorHandler(
                    CommandLookups.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
            configurer.eventProcessing().registerListenerInvocationErrorHandler(
                    PartnerFeed.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
        };
    }
}
