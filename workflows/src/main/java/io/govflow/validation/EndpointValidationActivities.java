package io.govflow.validation;

import io.temporal.activity.ActivityInterface;

/**
 * Step 10. Calls the endpoint but changes nothing, so a retry simply validates again; the report is written under
 * the model version's evidence key, replacing an earlier attempt's.
 */
@ActivityInterface
public interface EndpointValidationActivities {

  EndpointValidation validate(EndpointValidationRequest request);
}
