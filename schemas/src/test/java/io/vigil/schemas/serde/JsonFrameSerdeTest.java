package io.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.TelemetryFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFrameSerdeTest {
  private final JsonFrameSerde serde = new JsonFrameSerde();

  private TelemetryFrame read(String json) {
    return serde.deserialize("gateway", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void roundTripsAFrameWithANullChannel() {
    TelemetryFrame frame = SampleRecords.frame();
    assertThat(serde.deserialize("gateway", serde.serialize("gateway", frame))).isEqualTo(frame);
  }

  @Test
  void readsTheAlternativeSpellingsAndAnIsoTime() {
    TelemetryFrame frame =
        read(
            "{\"device_id\":\"pump-7\",\"timestamp\":\"2026-03-01T12:00:00Z\","
                + "\"channels\":{\"pressure\":4.25,\"flow\":null,\"temperature\":-3.5},"
                + "\"source\":\"gw-3\"}");
    assertThat(frame).isEqualTo(SampleRecords.frame());
  }

  @Test
  void readsNonFiniteValuesSoTheyCanBeRefusedDownstream() {
    TelemetryFrame frame =
        read(
            "{\"deviceId\":\"d\",\"eventTime\":0,\"channels\":{\"a\":\"NaN\",\"b\":\"-Infinity\"}}");
    assertThat(frame.getChannels().get("a")).isNaN();
    assertThat(frame.getChannels().get("b")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(serde.deserialize("t", serde.serialize("t", frame)).getChannels().get("a")).isNaN();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | {oops | INVALID_JSON | not valid JSON",
        "an array | [1,2] | INVALID_JSON | JSON array where an object",
        "no device | {\"eventTime\":0,\"channels\":{}} | MISSING_FIELD | 'deviceId' is missing",
        "numeric device | {\"deviceId\":7,\"eventTime\":0,\"channels\":{}} | BAD_FIELD"
            + " | 'deviceId' is 7, expected a non-empty string",
        "no time | {\"deviceId\":\"d\",\"channels\":{}} | MISSING_FIELD | 'eventTime' is missing",
        "bad time | {\"deviceId\":\"d\",\"eventTime\":\"yesterday\",\"channels\":{}} | BAD_FIELD"
            + " | 'eventTime' is \"yesterday\"",
        "no channels | {\"deviceId\":\"d\",\"eventTime\":0} | MISSING_FIELD | 'channels' is missing",
        "text value | {\"deviceId\":\"d\",\"eventTime\":0,\"channels\":{\"a\":\"high\"}} | BAD_FIELD"
            + " | 'channels.a' is \"high\", expected a number"
      })
  void refusesMalformedFramesSayingWhy(
      String name, String json, MalformedRecordException.Problem problem, String message) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOfSatisfying(
            MalformedRecordException.class, e -> assertThat(e.problem()).isEqualTo(problem))
        .hasMessageContaining("topic 'gateway'")
        .hasMessageContaining(message);
  }

  @Test
  void emptyBytesAreInvalidNotANullPointer() {
    assertThatThrownBy(() -> serde.deserialize("gateway", new byte[0]))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("document is empty");
  }
}
