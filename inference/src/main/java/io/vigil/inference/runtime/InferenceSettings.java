package io.vigil.inference.runtime;

import java.util.List;
import java.util.Map;

/**
 * How models are run, validated once at start-up. Defaults ({@link #defaults()}): provider {@code
 * auto}, 1 intra-op thread, micro-batches of at most 64 windows.
 *
 * <p>One intra-op thread is the default because the models are small and Vigil already runs one
 * scorer per stream thread: a larger pool per session mostly adds hand-off latency. Inter-op
 * threads are always 1 and spinning is always off (see {@link OnnxModel}).
 *
 * @param provider the requested execution provider ({@value #PROVIDER_KEY})
 * @param intraOpThreads threads ONNX Runtime may use inside one operator, in [1, {@value
 *     #MAX_THREADS}] ({@value #INTRA_OP_THREADS_KEY})
 * @param maxBatchSize the most windows one call scores, in [1, {@value #MAX_BATCH}]; sizes the
 *     scorer's reused input buffer ({@value #MAX_BATCH_SIZE_KEY})
 */
public record InferenceSettings(ExecutionProvider provider, int intraOpThreads, int maxBatchSize) {

  /** Configuration key of {@link #provider}. */
  public static final String PROVIDER_KEY = "inference.provider";

  /** Configuration key of {@link #intraOpThreads}. */
  public static final String INTRA_OP_THREADS_KEY = "inference.intra-op-threads";

  /** Configuration key of {@link #maxBatchSize}. */
  public static final String MAX_BATCH_SIZE_KEY = "inference.max-batch-size";

  /** Upper bound of {@link #intraOpThreads}. */
  public static final int MAX_THREADS = 256;

  /** Upper bound of {@link #maxBatchSize}. */
  public static final int MAX_BATCH = 4096;

  /** Default of {@link #provider}. */
  public static final ExecutionProvider DEFAULT_PROVIDER = ExecutionProvider.AUTO;

  /** Default of {@link #intraOpThreads}. */
  public static final int DEFAULT_INTRA_OP_THREADS = 1;

  /** Default of {@link #maxBatchSize}. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 64;

  private static final List<String> KEYS =
      List.of(PROVIDER_KEY, INTRA_OP_THREADS_KEY, MAX_BATCH_SIZE_KEY);

  /** Validates every field; a bad one fails with its key, its value and what is allowed. */
  public InferenceSettings {
    if (provider == null) {
      throw new IllegalArgumentException(PROVIDER_KEY + " is missing, expected auto, cpu or cuda");
    }
    requireRange(INTRA_OP_THREADS_KEY, intraOpThreads, MAX_THREADS);
    requireRange(MAX_BATCH_SIZE_KEY, maxBatchSize, MAX_BATCH);
  }

  /** Returns the defaults: auto, 1 intra-op thread, batches of 64. */
  public static InferenceSettings defaults() {
    return new InferenceSettings(
        DEFAULT_PROVIDER, DEFAULT_INTRA_OP_THREADS, DEFAULT_MAX_BATCH_SIZE);
  }

  /**
   * Reads the settings from string configuration; absent keys take their defaults.
   *
   * @param config values by key ({@value #PROVIDER_KEY}, {@value #INTRA_OP_THREADS_KEY}, {@value
   *     #MAX_BATCH_SIZE_KEY}); other keys starting with {@code inference.} are refused as typos
   * @return the settings
   * @throws IllegalArgumentException naming the key, the value and what is allowed
   */
  public static InferenceSettings fromConfig(Map<String, String> config) {
    for (String key : config.keySet()) {
      if (key.startsWith("inference.") && !KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown setting '" + key + "', expected one of " + KEYS);
      }
    }
    ExecutionProvider provider = DEFAULT_PROVIDER;
    String providerValue = config.get(PROVIDER_KEY);
    if (providerValue != null) {
      try {
        provider = ExecutionProvider.parse(providerValue);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(PROVIDER_KEY + ": " + e.getMessage(), e);
      }
    }
    return new InferenceSettings(
        provider,
        intValue(config, INTRA_OP_THREADS_KEY, DEFAULT_INTRA_OP_THREADS, MAX_THREADS),
        intValue(config, MAX_BATCH_SIZE_KEY, DEFAULT_MAX_BATCH_SIZE, MAX_BATCH));
  }

  /** Returns a copy with another provider. */
  public InferenceSettings withProvider(ExecutionProvider newProvider) {
    return new InferenceSettings(newProvider, intraOpThreads, maxBatchSize);
  }

  /** Returns a copy with another number of intra-op threads. */
  public InferenceSettings withIntraOpThreads(int threads) {
    return new InferenceSettings(provider, threads, maxBatchSize);
  }

  /** Returns a copy with another maximum batch size. */
  public InferenceSettings withMaxBatchSize(int size) {
    return new InferenceSettings(provider, intraOpThreads, size);
  }

  private static int intValue(Map<String, String> config, String key, int fallback, int max) {
    String value = config.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " = '" + value + "', expected an integer in [1, " + max + "]", e);
    }
  }

  private static void requireRange(String key, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(
          key + " = " + value + ", expected an integer in [1, " + max + "]");
    }
  }
}
