package io.psa.platform;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(PsaProperties.class)
@OpenAPIDefinition(info = @Info(title = "PSA outsourcing and contract service", version = "1",
        description = "Event-sourced tickets, devices, contracts and partner sync for managed service providers"),
        security = @SecurityRequirement(name = "bearer"),
        servers = @io.swagger.v3.oas.annotations.servers.Server(url = "/", description = "this instance"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class PlatformConfiguration {
}
