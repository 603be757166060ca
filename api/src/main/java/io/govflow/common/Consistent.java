package io.govflow.common;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * A request whose fields must agree with each other (high risk needs reasons; a facet has values or a threshold).
 * The annotated type lists what disagrees by field, so each violation names the field to fix, not the whole object.
 */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = Consistent.Validator.class)
public @interface Consistent {

  String message() default "fields disagree";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Implemented by the annotated type: each field that disagrees with another, with what it needs. */
  interface Checked {
    Map<String, String> inconsistencies();
  }

  class Validator implements ConstraintValidator<Consistent, Checked> {

    @Override
    public boolean isValid(Checked value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      Map<String, String> inconsistencies = value.inconsistencies();
      context.disableDefaultConstraintViolation();
      inconsistencies.forEach((field, needs) -> context.buildConstraintViolationWithTemplate(escape(needs))
          .addPropertyNode(field).addConstraintViolation());
      return inconsistencies.isEmpty();
    }

    /** The message is plain text, not a template: braces and dollars must not be interpolated. */
    private static String escape(String message) {
      return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
  }
}
