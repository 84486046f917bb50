package io.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.ChannelContribution;
import io.vigil.schemas.ModelRef;
import io.vigil.schemas.PolicyRef;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.WindowScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The hand-written score writer gives Avro's bytes, byte for byte, or leaves the record to Avro.
 */
class ScoreFastWriterTest {
  /** Avro alone, the reference. */
  private static final AvroSerde<WindowScore> AVRO = AvroSerde.of(WindowScore.class);

  private static final ScoreFastWriter FAST = new ScoreFastWriter(WindowScore.getClassSchema());

  @Provide
  Arbitrary<WindowScore> scores() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(50);
    Arbitrary<Double> doubles =
        Arbitraries.oneOf(
            Arbitraries.doubles(),
            Arbitraries.of(
                Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE));
    Arbitrary<ChannelContribution> contribution =
        Combinators.combine(text, doubles, doubles).as(ChannelContribution::new);
    Arbitrary<List<ChannelContribution>> contributions =
        contribution.list().ofMaxSize(20).map(ArrayList::new);
    Arbitrary<PolicyRef> policy =
        Combinators.combine(text, Arbitraries.longs()).as(PolicyRef::new).injectNull(0.3);
    Arbitrary<Instant> times = Arbitraries.longs().map(Instant::ofEpochMilli);
    Arbitrary<ModelRef> model = Combinators.combine(text, text).as(ModelRef::new);
    return Combinators.combine(
            text, times, times, doubles, doubles, Arbitraries.of(true, false), contributions, model)
        .as(
            (device, start, end, score, threshold, exceeded, channels, m) ->
                new WindowScore(device, start, end, score, threshold, exceeded, channels, m, null))
        .flatMap(s -> policy.map(p -> withPolicy(s, p)));
  }

  @Property(tries = 1_000, seed = "5")
  void writesAvrosBytes(@ForAll("scores") WindowScore score) {
    byte[] fast = FAST.write(score);
    assertThat(fast).isNotNull().isEqualTo(AVRO.encode(score));
    // Read back and written again (records with NaN do not compare equal to themselves).
    assertThat(AVRO.encode(VigilSerdes.windowScore().decode(fast))).isEqualTo(fast);
  }

  @Test
  void leavesARecordWithARequiredFieldMissingToAvroWhichSaysSo() {
    WindowScore broken = SampleRecords.windowScore();
    broken.setModel(null);
    assertThat(FAST.write(broken)).isNull();
    assertThatThrownBy(() -> VigilSerdes.windowScore().encode(broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("WindowScore");
  }

  @Test
  void refusesASchemaWhoseFieldsItDoesNotKnow() {
    assertThatThrownBy(() -> new ScoreFastWriter(ThresholdPolicy.getClassSchema()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("deviceId");
  }

  private static WindowScore withPolicy(WindowScore s, PolicyRef policy) {
    WindowScore copy = WindowScore.newBuilder(s).build();
    copy.setPolicy(policy);
    return copy;
  }
}
