package io.vigil.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One simulated machine: a pump whose load follows a slow cycle, a fast pump stroke and a random
 * wander. Pressure follows load, flow follows the square root of pressure, motor current follows
 * flow and pressure, and temperature follows ambient air and current, with a slow drift. Each
 * channel has its own sensor noise. Anomalies are scheduled lazily in step order, so an unbounded
 * run stays deterministic.
 */
final class DeviceSimulator {
  static final List<String> CHANNELS = List.of("pressure", "flow", "current", "temperature");
  private static final int STROKE_STEPS = 37;

  private final String deviceId;
  private final SimulatorSettings settings;
  private final SplittableRandom noise;
  private final SplittableRandom schedule;
  private final List<InjectedAnomaly> anomalies = new ArrayList<>();
  private final AnomalyKind[] kinds;

  // Per-device physics, drawn once from the seed.
  private final double phase;
  private final double baseLoad;
  private final double loadAmplitude;
  private final double pressureBase;
  private final double pressureGain;
  private final double flowGain;
  private final double currentBase;
  private final double currentGain;
  private final double ambient;
  private final double heatGain;
  private final double[] sensorNoise;
  private final double[] channelScale;

  private long step;
  private double wander;
  private double drift;
  private long nextAnomalyStep;
  private InjectedAnomaly active;
  private long activeStartStep;
  private long activeEndStep;
  private double anomalyMagnitude;
  private double frozenValue;

  DeviceSimulator(String deviceId, int index, SimulatorSettings settings) {
    this.deviceId = deviceId;
    this.settings = settings;
    SplittableRandom root = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + index);
    SplittableRandom params = root.split();
    this.noise = root.split();
    this.schedule = root.split();
    this.kinds = settings.kinds().toArray(new AnomalyKind[0]);
    phase = params.nextDouble(0, 2 * Math.PI);
    baseLoad = params.nextDouble(0.55, 0.7);
    loadAmplitude = params.nextDouble(0.2, 0.3);
    pressureBase = params.nextDouble(2.0, 3.0);
    pressureGain = params.nextDouble(2.0, 3.0);
    flowGain = params.nextDouble(10.0, 14.0);
    currentBase = params.nextDouble(3.0, 5.0);
    currentGain = params.nextDouble(0.25, 0.35);
    ambient = params.nextDouble(15.0, 25.0);
    heatGain = params.nextDouble(1.5, 2.5);
    sensorNoise = new double[] {0.04, 0.15, 0.08, 0.1};
    // Typical spread of each channel over a cycle: anomaly sizes are set against it.
    double loadSpread = loadAmplitude / Math.sqrt(2);
    double pressureSpread = pressureGain * loadSpread;
    double flowSpread =
        flowGain * pressureSpread / (2 * Math.sqrt(pressureBase + pressureGain * baseLoad));
    channelScale =
        new double[] {
          pressureSpread,
          flowSpread,
          currentGain * flowSpread * 3,
          heatGain * currentGain * flowSpread * 3
        };
    nextAnomalyStep = settings.warmupSteps() + gap();
  }

  String deviceId() {
    return deviceId;
  }

  List<InjectedAnomaly> anomalies() {
    return anomalies;
  }

  SimulatedFrame next() {
    long k = step++;
    Instant time = settings.start().plus(settings.step().multipliedBy(k));
    scheduleAt(k, time);

    double cycle = Math.sin(2 * Math.PI * k / settings.cycleSteps() + phase);
    double stroke = Math.sin(2 * Math.PI * k / STROKE_STEPS);
    wander = 0.97 * wander + noise.nextGaussian() * 0.01;
    drift = Math.max(-0.5, Math.min(0.5, drift + noise.nextGaussian() * 0.002));
    double load = baseLoad + loadAmplitude * cycle + wander;

    double pressure = pressureBase + pressureGain * load + 0.08 * stroke;
    double flowStroke = 0.08 * stroke;
    if (active != null && active.kind() == AnomalyKind.BROKEN_CORRELATION) {
      // The flow meter stops following the pump: it reads against the stroke, off its level.
      flowStroke = -0.08 * stroke - anomalyMagnitude * 0.05;
    }
    double flow = flowGain * Math.sqrt(Math.max(0.1, pressure - 0.08 * stroke + flowStroke));
    double current = currentBase + currentGain * flow * pressure / 3;
    double ambientNow = ambient + 3 * Math.sin(2 * Math.PI * k / (3.0 * settings.cycleSteps()));
    double temperature = ambientNow + heatGain * current / 2 + drift;

    double[] values = {pressure, flow, current, temperature};
    for (int c = 0; c < values.length; c++) {
      values[c] += noise.nextGaussian() * sensorNoise[c];
    }
    applyAnomaly(k, values);

    Map<String, Double> channels = new LinkedHashMap<>();
    for (int c = 0; c < values.length; c++) {
      channels.put(CHANNELS.get(c), values[c]);
    }
    InjectedAnomaly label = active != null && k >= activeStartStep ? active : null;
    if (active != null && k == activeEndStep) {
      active = null;
    }
    return new SimulatedFrame(deviceId, time, k, channels, label);
  }

  private void scheduleAt(long k, Instant time) {
    if (active != null || k != nextAnomalyStep) {
      return;
    }
    AnomalyKind kind = kinds[schedule.nextInt(kinds.length)];
    int length =
        kind == AnomalyKind.SPIKE
            ? schedule.nextInt(1, 4)
            : schedule.nextInt(settings.minAnomalySteps(), settings.maxAnomalySteps() + 1);
    String channel =
        kind == AnomalyKind.BROKEN_CORRELATION
            ? "flow"
            : CHANNELS.get(schedule.nextInt(CHANNELS.size()));
    anomalyMagnitude = schedule.nextDouble(0.8, 1.2) * (schedule.nextBoolean() ? 1 : -1);
    activeStartStep = k;
    activeEndStep = k + length - 1;
    Instant end = settings.start().plus(settings.step().multipliedBy(activeEndStep));
    active =
        new InjectedAnomaly(
            deviceId + "#" + (anomalies.size() + 1), deviceId, kind, channel, time, end);
    anomalies.add(active);
    frozenValue = Double.NaN;
    nextAnomalyStep = activeEndStep + 1 + gap();
  }

  private void applyAnomaly(long k, double[] values) {
    if (active == null || active.kind() == AnomalyKind.BROKEN_CORRELATION) {
      return;
    }
    int c = CHANNELS.indexOf(active.channel());
    double scale = channelScale[c];
    double progress = (double) (k - activeStartStep + 1) / (activeEndStep - activeStartStep + 1);
    switch (active.kind()) {
      case SPIKE -> values[c] += anomalyMagnitude * 7 * scale;
      case LEVEL_SHIFT -> values[c] += anomalyMagnitude * 3 * scale;
      case DRIFT -> values[c] += anomalyMagnitude * 5 * scale * progress;
      case NOISE_BURST -> values[c] += noise.nextGaussian() * 1.5 * scale;
      case FROZEN -> {
        if (Double.isNaN(frozenValue)) {
          frozenValue = values[c];
        }
        values[c] = frozenValue;
      }
      default -> throw new IllegalStateException("unhandled anomaly kind " + active.kind());
    }
  }

  private long gap() {
    // Exponential gaps, floored at two and a half minutes of steps so that one anomaly is over, and
    // its episode closed, before the next begins.
    double u = schedule.nextDouble();
    return Math.max(150, Math.round(-Math.log(1 - u) * settings.meanGapSteps()));
  }
}
