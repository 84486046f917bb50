/**
 * Kafka serdes for Vigil's records: Avro binary in Avro's single-object encoding (a two-byte marker
 * and the writer schema's fingerprint before every payload, so each record says which schema wrote
 * it and no registry is needed), and a JSON serde for telemetry frames from device gateways. Bytes
 * that cannot be decoded raise {@link io.vigil.schemas.serde.MalformedRecordException}, which says
 * why.
 */
package io.vigil.schemas.serde;
