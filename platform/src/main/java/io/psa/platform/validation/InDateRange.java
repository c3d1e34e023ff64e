package io.psa.platform.validation;

import io.psa.api.rule.Limits;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static java.lang.annotation.ElementType.*;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/** A date or moment between {@link Limits#EARLIEST_DATE} and {@link Limits#LATEST_DATE}. */
@Documented
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Constraint(validatedBy = {InDateRange.ForDate.class, InDateRange.ForInstant.class, InDateRange.ForOffsetDateTime.class})
public @interface InDateRange {
    String message() default "must lie " + Limits.DATE_RANGE_TEXT;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class ForDate implements ConstraintValidator<InDateRange, LocalDate> {
        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || Limits.isInRange(value);
        }
    }

    class ForInstant implements ConstraintValidator<InDateRange, Instant> {
        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || Limits.isInRange(value);
        }
    }

    class ForOffsetDateTime implements ConstraintValidator<InDateRange, OffsetDateTime> {
        @Override
        public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
            return value == null || Limits.isInRange(value.toInstant());
        }
    }
}
