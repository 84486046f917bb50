package io.vigil.schemas.mapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro's own JSON encoding of a record, on one line: what a backtest writes to {@code
 * events.jsonl}, readable back into the same record with its schema ({@link #decode}).
 */
public final class AvroJson {
  private AvroJson() {}

  /**
   * Encodes a record as one line of Avro JSON.
   *
   * @param record the record
   * @param <T> its type
   * @return the JSON, without a line break
   */
  public static <T extends SpecificRecord> String encode(T record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(512);
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out);
      @SuppressWarnings("unchecked")
      SpecificDatumWriter<T> writer = new SpecificDatumWriter<>((Class<T>) record.getClass());
      writer.write(record, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes one line of Avro JSON.
   *
   * @param json the line
   * @param type the record class
   * @param <T> its type
   * @return the record
   * @throws IllegalArgumentException when the line does not match the schema
   */
  public static <T extends SpecificRecord> T decode(String json, Class<T> type) {
    try {
      SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
      return reader.read(
          null, DecoderFactory.get().jsonDecoder(reader.getSpecificData().getSchema(type), json));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "not an Avro JSON " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
