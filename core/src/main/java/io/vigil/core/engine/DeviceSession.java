package io.vigil.core.engine;

import io.vigil.core.detect.DeviceDetector;
import io.vigil.core.window.WindowAssembler;
import java.util.Objects;

/**
 * One device's working state inside the engine: its window assembler and, once it has scored a
 * window, its detector. Callers that keep more per device (the stream's wall-clock times) extend
 * it. Not thread-safe: owned by the one task or run that processes the device.
 */
public class DeviceSession {
  private final String deviceId;
  private WindowAssembler assembler;
  private DeviceDetector detector;

  /** The engine's number of the last micro-batch that touched this device. */
  long touchedInBatch = -1;

  /**
   * Creates a session.
   *
   * @param deviceId the device
   * @param assembler its window assembler, new or restored
   */
  public DeviceSession(String deviceId, WindowAssembler assembler) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.assembler = Objects.requireNonNull(assembler, "assembler");
  }

  /**
   * Returns the device id.
   *
   * @return the id
   */
  public final String deviceId() {
    return deviceId;
  }

  /**
   * Returns the window assembler.
   *
   * @return the assembler
   */
  public final WindowAssembler assembler() {
    return assembler;
  }

  /**
   * Replaces the window assembler (a model change, corrupt state).
   *
   * @param assembler the new assembler
   */
  public final void assembler(WindowAssembler assembler) {
    this.assembler = Objects.requireNonNull(assembler, "assembler");
  }

  /**
   * Returns the detector, or null until the engine asked its host for one.
   *
   * @return the detector or null
   */
  public final DeviceDetector detector() {
    return detector;
  }

  /**
   * Sets the detector.
   *
   * @param detector the detector, or null to have the host asked again
   */
  public final void detector(DeviceDetector detector) {
    this.detector = detector;
  }
}
