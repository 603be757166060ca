package io.govflow.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.ByteArrayPayloadConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.common.converter.NullPayloadConverter;
import io.temporal.common.converter.ProtobufJsonPayloadConverter;

/**
 * The one data converter of worker, API client and replay tests. Records in history are a wire format:
 * unknown properties are ignored so that a newer record component never breaks an older reader. Its failure converter
 * keeps the type of a validator's refusal, which the API maps to HTTP.
 */
public final class GovflowDataConverter {

  private GovflowDataConverter() {}

  public static ObjectMapper objectMapper() {
    return JacksonJsonPayloadConverter.newDefaultObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  public static DataConverter create() {
    return new DefaultDataConverter(
        new NullPayloadConverter(),
        new ByteArrayPayloadConverter(),
        new ProtobufJsonPayloadConverter(),
        new JacksonJsonPayloadConverter(objectMapper()))
        .withFailureConverter(new ValidatorFailureConverter());
  }
}
