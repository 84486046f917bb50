/**
 * From the core's values to the published records: {@link io.vigil.schemas.mapping.OutputRecords}
 * turns a judged window into a {@code WindowScore} and an episode event into an {@code
 * AnomalyEvent}, for the stream and the offline tools alike.
 */
package io.vigil.schemas.mapping;
