/**
 * Threshold policies from the control topic: validation (an invalid record is dead-lettered and the
 * previous policy stays in force), the mapping to the core's {@code DetectionPolicy}, and which
 * policy applies to a device (a device-scoped policy overrides the fleet's).
 */
package io.vigil.app.policy;
