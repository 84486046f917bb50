package io.vigil.bench.jmh;

import io.vigil.bench.fleet.WideFleet;
import io.vigil.core.window.GapFillPolicy;
import io.vigil.core.window.WindowSpec;
import java.util.List;

/** The window shape every benchmark uses: the bench's defaults, W=32, S=4, 8 channels. */
final class Shapes {
  static final int WINDOW = 32;
  static final int STRIDE = 4;
  static final int CHANNELS = 8;
  static final long STEP_MILLIS = 1000;
  static final long SEED = 42;

  private Shapes() {}

  static List<String> channels() {
    return WideFleet.defaultChannels(CHANNELS);
  }

  /** The stream's spec with its default detection settings: 5 s grace, carry up to 3 steps. */
  static WindowSpec spec() {
    return new WindowSpec(channels(), WINDOW, STRIDE, 5000, new GapFillPolicy(3, STEP_MILLIS));
  }
}
