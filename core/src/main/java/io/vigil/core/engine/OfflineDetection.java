package io.vigil.core.engine;

import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.window.AssemblyResult;
import io.vigil.core.window.Frame;
import io.vigil.core.window.FrameOutcome;
import io.vigil.core.window.WindowAssembler;
import io.vigil.core.window.WindowRef;
import io.vigil.core.window.WindowSpec;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The engine driven from memory, without Kafka: the backtest, the evaluation and the dashboard's
 * preview feed it frames in event-time order per device and receive every judged window. Devices
 * start with no history, their detectors under the policy the caller names for them; nothing is
 * stored. {@link #finish()} releases what the assemblers still buffer and scores it, so the last
 * frames of a file are not left out.
 */
public final class OfflineDetection {

  /** Receives what the run produces. */
  public interface Listener {

    /**
     * One judged window, in each device's window order.
     *
     * @param window the window, its scores and the verdict
     */
    void window(ScoredWindow window);

    /**
     * A window that could not be scored or judged.
     *
     * @param deviceId the device
     * @param window the window
     * @param failure why
     * @param message what, where and why
     */
    default void failed(String deviceId, WindowRef window, WindowFailure failure, String message) {}

    /**
     * A frame the assembler refused (late or duplicate).
     *
     * @param deviceId the device
     * @param outcome the refusal, with its message
     */
    default void refused(String deviceId, FrameOutcome outcome) {}
  }

  private final WindowSpec shape;
  private final Function<String, WindowSpec> specs;
  private final Function<String, DetectionPolicy> policies;
  private final Listener listener;
  private final Map<String, DeviceSession> sessions = new LinkedHashMap<>();
  private final DetectionEngine engine;

  /**
   * Creates a run.
   *
   * @param spec the model's window shape, grace and gap filling
   * @param scorer the model
   * @param policies the policy for each device (the same one for all, or per-device overrides)
   * @param listener where results go
   */
  public OfflineDetection(
      WindowSpec spec,
      WindowScorer scorer,
      Function<String, DetectionPolicy> policies,
      Listener listener) {
    this(spec, device -> spec, scorer, policies, listener);
  }

  /**
   * Creates a run whose devices may differ in sampling step, grace and gap filling.
   *
   * @param shape the model's window shape: channels, W and S, which every device's spec shares
   * @param specs each device's spec
   * @param scorer the model
   * @param policies the policy for each device
   * @param listener where results go
   */
  public OfflineDetection(
      WindowSpec shape,
      Function<String, WindowSpec> specs,
      WindowScorer scorer,
      Function<String, DetectionPolicy> policies,
      Listener listener) {
    this(shape, specs, scorer, ExtraOutputs.NONE, policies, listener);
  }

  /**
   * Creates a run whose judged windows carry extra outputs of the model (a backtest writing the
   * denoised signal or the embeddings).
   *
   * @param shape the model's window shape: channels, W and S, which every device's spec shares
   * @param specs each device's spec
   * @param scorer the model
   * @param extras the reconstructions and latent codes wanted with every window
   * @param policies the policy for each device
   * @param listener where results go
   */
  public OfflineDetection(
      WindowSpec shape,
      Function<String, WindowSpec> specs,
      WindowScorer scorer,
      ExtraOutputs extras,
      Function<String, DetectionPolicy> policies,
      Listener listener) {
    this(shape, specs, scorer, extras, policies, listener, null);
  }

  /**
   * Creates a run whose model calls for full micro-batches run on {@code overlap} while the caller
   * goes on offering frames (see {@link DetectionEngine}); results are the same as without.
   *
   * @param shape the model's window shape: channels, W and S, which every device's spec shares
   * @param specs each device's spec
   * @param scorer the model
   * @param extras the reconstructions and latent codes wanted with every window
   * @param policies the policy for each device
   * @param listener where results go (called on the caller's thread only)
   * @param overlap runs the model calls of full batches; null to score on the caller's thread
   */
  public OfflineDetection(
      WindowSpec shape,
      Function<String, WindowSpec> specs,
      WindowScorer scorer,
      ExtraOutputs extras,
      Function<String, DetectionPolicy> policies,
      Listener listener,
      Executor overlap) {
    this.shape = Objects.requireNonNull(shape, "shape");
    this.specs = Objects.requireNonNull(specs, "specs");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.engine = new DetectionEngine(shape, scorer, extras, new Host(), overlap);
  }

  /**
   * Offers one frame.
   *
   * @param deviceId the device
   * @param time event time, epoch milliseconds
   * @param values the frame's values in the model's feature order, NaN where missing
   * @return what the assembler did with it
   */
  public FrameOutcome offer(String deviceId, long time, double[] values) {
    DeviceSession session = sessions.computeIfAbsent(deviceId, this::newSession);
    AssemblyResult result = engine.offer(session, Frame.of(time, values));
    FrameOutcome outcome = result.outcome();
    if (outcome instanceof FrameOutcome.Late || outcome instanceof FrameOutcome.Duplicate) {
      listener.refused(deviceId, outcome);
    }
    engine.flushIfFull();
    return outcome;
  }

  private DeviceSession newSession(String deviceId) {
    WindowSpec spec = specs.apply(deviceId);
    if (!spec.channels().equals(shape.channels())
        || spec.windowSize() != shape.windowSize()
        || spec.stride() != shape.stride()) {
      throw new IllegalArgumentException(
          "device '"
              + deviceId
              + "': window spec W="
              + spec.windowSize()
              + " S="
              + spec.stride()
              + " "
              + spec.channels()
              + " differs from the model's W="
              + shape.windowSize()
              + " S="
              + shape.stride()
              + " "
              + shape.channels());
    }
    return new DeviceSession(deviceId, new WindowAssembler(spec));
  }

  /** Counts a frame the caller refused before offering it (a value out of range, a bad row). */
  public void refused() {
    engine.counts().countRefused();
  }

  /** Releases every device's buffered frames and scores all that is queued. */
  public void finish() {
    for (DeviceSession session : sessions.values()) {
      // One device at a time: its ring holds what its buffer releases only if nothing else of it
      // is still queued.
      engine.flush();
      engine.enqueue(session, session.assembler().flush());
    }
    engine.flush();
  }

  /**
   * Returns the counts so far.
   *
   * @return the engine's counters
   */
  public EngineCounts counts() {
    return engine.counts();
  }

  /**
   * Returns the devices seen, in order of first frame; their detectors tell which episodes are
   * still open.
   *
   * @return the sessions, read-only
   */
  public Collection<DeviceSession> sessions() {
    return Collections.unmodifiableCollection(sessions.values());
  }

  private final class Host implements DetectionEngine.Host {
    @Override
    public DeviceDetector detector(DeviceSession session) {
      return new DeviceDetector(session.deviceId(), policies.apply(session.deviceId()));
    }

    @Override
    public DetectionPolicy policy(DeviceSession session) {
      return policies.apply(session.deviceId());
    }

    @Override
    public void scored(DeviceSession session, ScoredWindow window) {
      listener.window(window);
    }

    @Override
    public void failed(
        DeviceSession session, WindowRef window, WindowFailure failure, String message) {
      listener.failed(session.deviceId(), window, failure, message);
    }
  }
}
