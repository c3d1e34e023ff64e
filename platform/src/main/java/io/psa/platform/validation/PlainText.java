package io.psa.platform.validation;

import io.psa.api.rule.Limits;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.*;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * Text without control characters (but tab and line breaks) and without broken Unicode, for form fields; JSON bodies
 * are checked for it as they are read (see {@code StrictJson}).
 */
@Documented
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Constraint(validatedBy = PlainText.Check.class)
public @interface PlainText {
    String message() default "must be plain text: no control characters (but tab and line breaks) and no broken Unicode";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PlainText, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || Limits.isPlainText(value);
        }
    }
}
