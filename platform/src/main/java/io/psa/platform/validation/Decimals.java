package io.psa.platform.validation;

import io.psa.api.rule.Limits;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import static java.lang.annotation.ElementType.*;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * A decimal number with at most {@code integer} digits before the point and {@code fraction} after it, trailing zeros
 * not counted (unlike {@link jakarta.validation.constraints.Digits}, 1.50000 is a number with one decimal).
 */
@Documented
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Constraint(validatedBy = Decimals.Check.class)
public @interface Decimals {
    int integer();

    int fraction();

    String message() default "has too many digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Decimals, BigDecimal> {
        private int integer;
        private int fraction;

        @Override
        public void initialize(Decimals annotation) {
            integer = annotation.integer();
            fraction = annotation.fraction();
        }

        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            return value == null || Limits.fits(value, integer, fraction);
        }
    }
}
