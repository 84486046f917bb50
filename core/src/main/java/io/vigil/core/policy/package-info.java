/**
 * Validation vocabulary shared by the threshold and alert policies.
 *
 * <p>A detection policy arrives at runtime (from a compacted topic or a file), so a bad value must
 * fail once, at the boundary, with a message that names the field, the value found and what is
 * allowed. {@link io.vigil.core.policy.InvalidPolicyException} carries those three parts separately
 * so callers can put them in a dead letter; {@link io.vigil.core.policy.Range} states and checks
 * numeric bounds in one place.
 */
package io.vigil.core.policy;
