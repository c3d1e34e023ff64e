package io.psa.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON numbers are read as they were written, scale and every digit (12.50 stays 12.50), also where JSON
 * is read as a tree rather than straight into a {@code BigDecimal}: stored events on their way through upcasters,
 * partner facts, webhook bodies, read-model documents. Jackson's default reads such a number as a double.
 */
@Configuration
public class ExactDecimals {

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer exactDecimalsInTrees() {
        return builder -> builder.postConfigurer(ExactDecimals::configure);
    }

    public static ObjectMapper configure(ObjectMapper json) {
        return json.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                   .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }
}
