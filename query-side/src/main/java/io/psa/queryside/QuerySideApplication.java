package io.psa.queryside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/**
 * The query side on its own (split deployment): projections tracking the shared event store, and the REST query
 * API, on port 8082.
 */
@SpringBootApplication(scanBasePackages = {"io.psa.platform", "io.psa.query"})
public class QuerySideApplication {
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(QuerySideApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "psa-query-side", "server.port", "8082"));
        application.run(args);
    }
}
