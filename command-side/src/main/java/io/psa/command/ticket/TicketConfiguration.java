package io.psa.command.ticket;

import io.psa.platform.PsaProperties;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class TicketConfiguration {
    static final String TICKET_CACHE = "ticketCache";

    /**
     * Keeps loaded tickets in memory, so a command does not re-read the ticket's events (and look for a snapshot)
     * every time: measured by the benchmark. Safe while one command-side process owns the tickets, as in both
     * deployments; several command-side processes would need commands routed by ticket id.
     */
    @Bean(TICKET_CACHE)
    public Cache ticketCache(PsaProperties properties) {
        return properties.ticketCache() ? new WeakReferenceCache() : NoCache.INSTANCE;
    }
}
