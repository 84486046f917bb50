package io.vigil.schemas.serde;

import io.vigil.schemas.AlertRule;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.ChannelContribution;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.DenoisedFrame;
import io.vigil.schemas.DenoisedWindow;
import io.vigil.schemas.EpisodeEventKind;
import io.vigil.schemas.ModelRef;
import io.vigil.schemas.PolicyRef;
import io.vigil.schemas.PolicyScope;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.Severity;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdMethod;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.WindowEmbedding;
import io.vigil.schemas.WindowScore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fully populated instance of every record type, with fixed values, for round-trip tests. */
public final class SampleRecords {
  public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private SampleRecords() {}

  public static TelemetryFrame frame() {
    Map<String, Double> channels = new LinkedHashMap<>();
    channels.put("pressure", 4.25);
    channels.put("flow", null);
    channels.put("temperature", -3.5);
    return TelemetryFrame.newBuilder()
        .setDeviceId("pump-7")
        .setEventTime(T0)
        .setChannels(channels)
        .setSource("gw-3")
        .build();
  }

  public static SensorReading reading() {
    return SensorReading.newBuilder()
        .setDeviceId("pump-7")
        .setSensor("pressure")
        .setEventTime(T0)
        .setValue(4.25)
        .build();
  }

  private static List<ChannelContribution> contributions() {
    return List.of(
        new ChannelContribution("pressure", 2.0, 0.8), new ChannelContribution("flow", 0.5, 0.2));
  }

  public static WindowScore windowScore() {
    return WindowScore.newBuilder()
        .setDeviceId("pump-7")
        .setWindowStart(T0)
        .setWindowEnd(T0.plusSeconds(63))
        .setScore(2.5)
        .setThreshold(1.2)
        .setExceeded(true)
        .setChannelScores(contributions())
        .setModel(new ModelRef("demo-dense", "3"))
        .setPolicy(new PolicyRef("fleet-default", 4L))
        .build();
  }

  public static DenoisedWindow denoisedWindow() {
    return DenoisedWindow.newBuilder()
        .setDeviceId("pump-7")
        .setWindowStart(T0)
        .setWindowEnd(T0.plusSeconds(1))
        .setChannels(List.of("pressure", "flow"))
        .setFrames(
            List.of(
                new DenoisedFrame(T0, List.of(4.2f, 0.5f)),
                new DenoisedFrame(T0.plusSeconds(1), List.of(4.1f, 0.55f))))
        .setModel(new ModelRef("demo-dense", "3"))
        .build();
  }

  public static WindowEmbedding windowEmbedding() {
    return WindowEmbedding.newBuilder()
        .setDeviceId("pump-7")
        .setWindowStart(T0)
        .setWindowEnd(T0.plusSeconds(63))
        .setCode(List.of(0.25f, -1.5f, 0f))
        .setScore(0.8)
        .setModel(new ModelRef("demo-dense", "3"))
        .build();
  }

  public static AnomalyEvent anomalyEvent() {
    return AnomalyEvent.newBuilder()
        .setEpisodeId("pump-7@1772366400000")
        .setDeviceId("pump-7")
        .setKind(EpisodeEventKind.CLOSE)
        .setStartTime(T0)
        .setEndTime(T0.plusSeconds(90))
        .setEventTime(T0.plusSeconds(90))
        .setPeakScore(5.0)
        .setLatestScore(0.7)
        .setThreshold(1.2)
        .setSeverity(Severity.HIGH)
        .setTopChannels(contributions())
        .setModel(new ModelRef("demo-dense", "3"))
        .setPolicy(new PolicyRef("fleet-default", 4L))
        .build();
  }

  public static ThresholdPolicy thresholdPolicy() {
    return ThresholdPolicy.newBuilder()
        .setPolicyId("pump-7-tight")
        .setScope(PolicyScope.DEVICE)
        .setDeviceId("pump-7")
        .setMethod(ThresholdMethod.SPOT)
        .setParameters(Map.of("q", 1e-4, "level", 0.98))
        .setWarmupWindows(100)
        .setAlertRule(
            AlertRule.newBuilder()
                .setOpenWhenExceeded(3)
                .setOfLastWindows(5)
                .setCloseAfterNormal(10)
                .setUpdateIntervalMillis(60_000L)
                .setSeverityBands(List.of(1.5, 3.0, 6.0))
                .setTopChannels(3)
                .build())
        .setVersion(4L)
        .setAuthor("ops@example.org")
        .setCreatedAt(T0)
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setSourceTopic("vigil.frames")
        .setSourcePartition(2)
        .setSourceOffset(1234L)
        .setRecordTimestamp(T0)
        .setRawKey(ByteBuffer.wrap("pump-7".getBytes(StandardCharsets.UTF_8)))
        .setRawValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .setErrorKind(DeadLetterReason.LATE)
        .setErrorMessage("frame at 2026-03-01T11:00:00Z is 3600000 ms behind stream time")
        .setDeviceId("pump-7")
        .build();
  }
}
