package io.vigil.core.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelContributionsTest {

  private static final List<String> CHANNELS = List.of("temp", "vib", "rpm", "amps");

  @Test
  void ranksChannelsByShareOfTheScore() {
    ChannelScores scores = ChannelScores.of(CHANNELS, new double[] {1, 6, 0, 3});

    assertThat(ChannelContributions.top(scores, 2))
        .containsExactly(new ChannelShare("vib", 6, 0.6), new ChannelShare("amps", 3, 0.3));
  }

  @Test
  void breaksTiesByFeatureOrder() {
    ChannelScores scores = ChannelScores.of(CHANNELS, new double[] {2, 1, 2, 2});

    assertThat(ChannelContributions.top(scores, 4))
        .extracting(ChannelShare::channel)
        .containsExactly("temp", "rpm", "amps", "vib");
  }

  @Test
  void allZeroScoresGiveZeroSharesInFeatureOrder() {
    ChannelScores scores = ChannelScores.of(CHANNELS, new double[4]);

    assertThat(ChannelContributions.top(scores, 2))
        .containsExactly(new ChannelShare("temp", 0, 0), new ChannelShare("vib", 0, 0));
  }

  @Test
  void returnsFewerWhenKExceedsTheChannels() {
    ChannelScores scores = ChannelScores.of(List.of("a"), new double[] {4});

    assertThat(ChannelContributions.top(scores, 3)).containsExactly(new ChannelShare("a", 4, 1));
    assertThat(ChannelContributions.top(scores, 0)).isEmpty();
  }

  @Test
  void namesAndScoresMustLineUp() {
    assertThatThrownBy(() -> ChannelScores.of(CHANNELS, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 scores for 4 channels");
    assertThatThrownBy(() -> ChannelScores.of(List.of("a", "b"), new double[] {1, -1}))
        .hasMessageContaining("score of channel 'b' is -1.0; expected a finite value >= 0");
  }
}
