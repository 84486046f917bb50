package io.vigil.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The API's one JSON mapper, and request-body parsing with a 400 on malformed JSON. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static JsonNode parse(String body) {
    try {
      return MAPPER.readTree(body == null || body.isBlank() ? "null" : body);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "invalid body: not JSON (" + e.getOriginalMessage() + ")");
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
