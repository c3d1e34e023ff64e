package io.psa.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/** The default deployment: command side and query side in one process, on port 8080, with an embedded H2 file. */
@SpringBootApplication(scanBasePackages = {"io.psa.platform", "io.psa.command", "io.psa.query"})
public class PsaStandaloneApplication {
    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(PsaStandaloneApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "psa-standalone", "server.port", "8080"));
        return application;
    }
}
