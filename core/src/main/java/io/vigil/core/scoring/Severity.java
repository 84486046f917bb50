package io.vigil.core.scoring;

/** How far a score is above its threshold, in the four bands of an alert rule. */
public enum Severity {
  /** Below the MEDIUM band start. */
  LOW,
  /** From the MEDIUM band start, below HIGH. */
  MEDIUM,
  /** From the HIGH band start, below CRITICAL. */
  HIGH,
  /** From the CRITICAL band start. */
  CRITICAL
}
