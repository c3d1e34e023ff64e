package io.psa.commandside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/** The command side on its own (split deployment): aggregates and the REST command API, on port 8081. */
@SpringBootApplication(scanBasePackages = {"io.psa.platform", "io.psa.command"})
public class CommandSideApplication {
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CommandSideApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "psa-command-side", "server.port", "8081"));
        application.run(args);
    }
}
