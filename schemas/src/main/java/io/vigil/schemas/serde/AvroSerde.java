package io.vigil.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one generated Avro type in Avro's single-object encoding. Readers know the current
 * schema and every earlier version kept under {@code io/vigil/schemas/history/} on the class path,
 * so records written by older producers decode into the current class by schema resolution.
 *
 * <p>A {@code null} record is written as {@code null} bytes (a tombstone) and read back as {@code
 * null}. Instances are safe to share between threads: Avro's message encoder and decoder keep their
 * buffers per thread.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord>
    implements Serde<T>, Serializer<T>, Deserializer<T> {
  private static final int HEADER_LENGTH = 10;
  private static final String HISTORY = "io/vigil/schemas/history/";

  private final Schema schema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final List<Long> knownFingerprints = new ArrayList<>();
  private final Map<Long, Schema> writers = new HashMap<>();
  private final FastReader<T> fast;
  private final FastWriter<T> fastWriter;

  /**
   * A hand-written reader of the record's usual layouts, tried before Avro. It answers {@code null}
   * for anything it does not recognise, and Avro decodes (or reports) the record instead.
   *
   * @param <T> the record class
   */
  interface FastReader<T> {
    T read(byte[] bytes);
  }

  /**
   * A hand-written writer giving exactly Avro's bytes, tried before Avro; {@code null} leaves the
   * record to Avro (which writes it or says what is wrong with it).
   *
   * @param <T> the record class
   */
  interface FastWriter<T> {
    byte[] write(T record);
  }

  private AvroSerde(Class<T> type) {
    this(type, null, null);
  }

  private AvroSerde(
      Class<T> type,
      BiFunction<Schema, List<Schema>, FastReader<T>> fastReader,
      Function<Schema, FastWriter<T>> fastWriter) {
    // The generated class's own model carries its logical-type conversions (timestamps).
    SpecificData model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    knownFingerprints.add(SchemaNormalization.parsingFingerprint64(schema));
    writers.put(SchemaNormalization.parsingFingerprint64(schema), schema);
    List<Schema> history = historyOf(schema, type.getClassLoader());
    for (Schema older : history) {
      decoder.addSchema(older);
      knownFingerprints.add(SchemaNormalization.parsingFingerprint64(older));
      writers.put(SchemaNormalization.parsingFingerprint64(older), older);
    }
    this.fast = fastReader == null ? null : fastReader.apply(schema, history);
    this.fastWriter = fastWriter == null ? null : fastWriter.apply(schema);
  }

  /** A serde for the generated class {@code type}. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type);
  }

  /**
   * A serde that reads with {@code fastReader} first (made from the current schema and the earlier
   * versions, oldest first) and with Avro where it answers {@code null}.
   */
  static <T extends SpecificRecord> AvroSerde<T> of(
      Class<T> type, BiFunction<Schema, List<Schema>, FastReader<T>> fastReader) {
    return new AvroSerde<>(type, fastReader, null);
  }

  /** A serde that writes with {@code fastWriter} first and with Avro where it answers null. */
  static <T extends SpecificRecord> AvroSerde<T> withWriter(
      Class<T> type, Function<Schema, FastWriter<T>> fastWriter) {
    return new AvroSerde<>(type, null, fastWriter);
  }

  /** The schema records are written with. */
  public Schema schema() {
    return schema;
  }

  /** Encodes {@code record}; {@code null} gives {@code null}. */
  public byte[] encode(T record) {
    if (record == null) {
      return null;
    }
    if (fastWriter != null) {
      byte[] written = fastWriter.write(record);
      if (written != null) {
        return written;
      }
    }
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
      // Avro reports a required field left null as an NPE deep inside the writer.
      throw new SerializationException(
          String.format(
              Locale.ROOT,
              "cannot encode %s: %s (is a required field null?)",
              schema.getName(),
              e.getMessage()),
          e);
    }
  }

  /** Decodes single-object-encoded {@code bytes}; {@code null} gives {@code null}. */
  public T decode(byte[] bytes) {
    return decode(null, bytes);
  }

  private T decode(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length < HEADER_LENGTH + 1) {
      String where = MalformedRecordException.where(topic);
      throw new MalformedRecordException(
          MalformedRecordException.Problem.TOO_SHORT,
          String.format(
              Locale.ROOT,
              "%s: %d bytes is too short for a %s: expected a %d-byte Avro single-object header"
                  + " (C3 01 and a schema fingerprint) and a payload",
              where,
              bytes.length,
              schema.getName(),
              HEADER_LENGTH));
    }
    if (fast != null) {
      T read = fast.read(bytes);
      if (read != null) {
        return read;
      }
    }
    try {
      checkLengths(bytes);
      return decoder.decode(bytes);
    } catch (BadHeaderException e) {
      throw new MalformedRecordException(
          MalformedRecordException.Problem.BAD_HEADER,
          String.format(
              Locale.ROOT,
              "%s: starts with %s, expected Avro's single-object marker C3 01 before a %s",
              MalformedRecordException.where(topic),
              HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, 0, 2),
              schema.getName()),
          e);
    } catch (MissingSchemaException e) {
      long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      throw new MalformedRecordException(
          MalformedRecordException.Problem.UNKNOWN_SCHEMA,
          String.format(
              Locale.ROOT,
              "%s: written with schema fingerprint %s, which is no known version of %s"
                  + " (known: %s)",
              MalformedRecordException.where(topic),
              Long.toHexString(fingerprint),
              schema.getFullName(),
              knownFingerprints.stream().map(Long::toHexString).toList()),
          e);
    } catch (IOException | RuntimeException e) {
      throw new MalformedRecordException(
          MalformedRecordException.Problem.CORRUPT_PAYLOAD,
          String.format(
              Locale.ROOT,
              "%s: %d-byte payload does not decode as %s: %s",
              MalformedRecordException.where(topic),
              bytes.length - HEADER_LENGTH,
              schema.getFullName(),
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
  }

  /**
   * Walks the payload with its writer's schema without materialising it, so that a length prefix
   * claiming more bytes than the record holds fails here, at the end of the bytes, instead of
   * making Avro allocate what it claims: a 25-byte record claiming a 2 GiB string would otherwise
   * cost a 2 GiB allocation, or an OutOfMemoryError that kills the thread decoding it. Unknown
   * fingerprints and bad markers are left to the decoder, which reports them.
   */
  private void checkLengths(byte[] bytes) throws IOException {
    if (bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
      return;
    }
    Schema writer =
        writers.get(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    if (writer == null) {
      return;
    }
    GenericDatumReader.skip(
        writer,
        DecoderFactory.get()
            .binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null));
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return encode(data);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return decode(topic, data);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // No settings: the record type fixes the schema.
  }

  @Override
  public void close() {
    // Nothing to release: the encoder and decoder hold only heap buffers.
  }

  private static List<Schema> historyOf(Schema current, ClassLoader loader) {
    List<Schema> older = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = HISTORY + current.getName() + "-v" + version + ".avsc";
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          return older;
        }
        Schema schema =
            new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        if (!schema.getFullName().equals(current.getFullName())) {
          throw new IllegalStateException(
              resource
                  + " defines "
                  + schema.getFullName()
                  + ", expected "
                  + current.getFullName());
        }
        older.add(schema);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read schema history " + resource, e);
      }
    }
  }
}
