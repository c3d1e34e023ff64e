package io.psa.platform.validation;

import io.psa.api.rule.Limits;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.*;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/** A quantity or a number of units (see {@link Limits}). */
@Documented
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Decimals(integer = Limits.QUANTITY_INTEGER_DIGITS, fraction = Limits.QUANTITY_DECIMALS)
@Constraint(validatedBy = {})
@ReportAsSingleViolation
public @interface Quantity {
    String message() default "must have at most " + Limits.QUANTITY_INTEGER_DIGITS + " digits before and "
            + Limits.QUANTITY_DECIMALS + " after the decimal point";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
