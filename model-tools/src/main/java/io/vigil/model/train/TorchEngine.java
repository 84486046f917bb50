package io.vigil.model.train;

import ai.djl.engine.Engine;

/**
 * The DJL PyTorch engine, started offline and single-threaded.
 *
 * <p>Before DJL is first touched, unset properties are given safe values: {@code
 * ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} (DJL reads it as a system property too),
 * so DJL neither downloads a native library nor probes a cloud metadata address; the native library
 * comes from the {@code pytorch-native-cpu} jar on the class path. {@code
 * ai.djl.pytorch.num_threads} and {@code num_interop_threads} are 1: on our 2-core machines two
 * torch threads trained slower and less steadily than one, and one thread also keeps reductions in
 * a fixed order, which reproducible training needs. A value set on the command line wins.
 */
public final class TorchEngine {
  /** The DJL engine name of PyTorch. */
  public static final String NAME = "PyTorch";

  private TorchEngine() {}

  /**
   * Returns the engine, starting it on first use (unpacking libtorch into {@code DJL_CACHE_DIR},
   * default {@code ~/.djl.ai}, the first time on a machine: about 430 MB, a few seconds).
   *
   * @return the PyTorch engine
   */
  public static synchronized Engine get() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", "1");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    return Engine.getEngine(NAME);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
