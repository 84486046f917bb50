package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code vigil train} and {@code vigil validate-model} on a small CSV. */
class TrainCommandTest extends CliTest {
  @TempDir Path dir;

  /** 300 rows of two related channels and one unrelated one, one second apart. */
  private Path csv() throws IOException {
    StringBuilder text = new StringBuilder("time;pressure;flow;noise\n");
    for (int i = 0; i < 300; i++) {
      double wave = Math.sin(i / 8.0);
      text.append(
          String.format(
              Locale.ROOT,
              "2026-01-01 00:%02d:%02d;%.4f;%.4f;%.4f%n",
              i / 60,
              i % 60,
              4 + wave,
              10 + 2 * wave,
              Math.cos(i * 1.7)));
    }
    Path file = dir.resolve("normal.csv");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void theModelCommandsAreListedAndHaveHelp() {
    assertThat(vigil("--help")).isZero();
    assertThat(out.toString()).contains("train", "validate-model", "evaluate");
    assertThat(vigil("train", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: vigil train")
        .contains("--kafka-topic")
        .contains("dense, lstm, conv, vae, sparse or contractive")
        .contains("--kernel")
        .contains("--penalty");
    assertThat(vigil("validate-model", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: vigil validate-model");
  }

  @Test
  void trainsAModelThatValidateModelAccepts() throws IOException {
    Path model = dir.resolve("models/pump.onnx");

    int code =
        trainSmall(model, "--channels", "flow,pressure", "--epochs", "3", "--model-id", "pump");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("channels [flow, pressure]")
        .contains("epoch 1/3 [")
        .contains("suggested threshold")
        .contains("within 1e-04")
        .contains("wrote " + model);
    assertThat(model).isRegularFile();

    assertThat(vigil("validate-model", model.toString())).isZero();
    assertThat(out.toString())
        .contains("honours the Vigil model contract")
        .contains("id:         pump version 1")
        .contains("features:   [flow, pressure]")
        .contains("\"rows\" : 300");
  }

  @ParameterizedTest
  @ValueSource(strings = {"conv", "vae", "sparse", "contractive"})
  void trainsEachNewKindIntoAModelThatValidateModelAccepts(String kind) throws IOException {
    Path model = dir.resolve(kind + ".onnx");

    int code = trainSmall(model, "--kind", kind, "--epochs", "2");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("within 1e-04").contains("wrote " + model);
    assertThat(vigil("validate-model", model.toString())).isZero();
    assertThat(out.toString())
        .contains("honours the Vigil model contract")
        .contains("kind:       " + kind);
  }

  @Test
  void trainsAnEnsembleThatValidateModelAcceptsAndRefusesTooManyMembers() throws IOException {
    Path model = dir.resolve("ensemble.onnx");

    int code = trainSmall(model, "--members", "2", "--epochs", "2");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("member 1 of 2 (seed ")
        .contains("ensemble of 2 members")
        .contains("0: seed 42,")
        .contains("within 1e-04");
    assertThat(vigil("validate-model", model.toString())).isZero();
    assertThat(vigil("train", "--data", csv().toString(), "--members", "17", "-o", "x.onnx"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("members = 17 is invalid, allowed: [1, 16]");
  }

  @Test
  void aPenaltyForAKindWithoutOneIsAUsageError() throws IOException {
    int code = vigil("train", "--data", csv().toString(), "--penalty", "0.1", "-o", "x.onnx");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("penalty = 0.1 is invalid, allowed: 0: only vae, sparse and contractive");
  }

  @Test
  void validateModelExitsOneWithTheReasonsForABrokenModel() throws IOException {
    Path broken = dir.resolve("broken.onnx");
    Files.writeString(broken, "not a model");

    assertThat(vigil("validate-model", broken.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("is REFUSED").contains("not an ONNX model");
  }

  @Test
  void anUnknownKindIsAUsageError() throws IOException {
    int code = vigil("train", "--data", csv().toString(), "--kind", "gru", "-o", "x.onnx");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("kind = 'gru', expected one of [dense, lstm, conv, vae, sparse, contractive]");
  }

  @Test
  void anUnknownChannelIsAUsageErrorListingTheColumns() throws IOException {
    int code = vigil("train", "--data", csv().toString(), "--channels", "torque", "-o", "x.onnx");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("channel 'torque' is not in the header, expected one of [time, pressure,");
  }

  @Test
  void aStrideLongerThanTheWindowIsAUsageErrorNamingTheOption() throws IOException {
    int code =
        vigil(
            "train", "--data", csv().toString(), "--window", "4", "--stride", "5", "-o", "x.onnx");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("stride = 5 is invalid, allowed: [1, window = 4]");
  }

  @Test
  void dataAndKafkaAreExclusive() throws IOException {
    int code =
        vigil(
            "train",
            "--data",
            csv().toString(),
            "--kafka-bootstrap",
            "b:9092",
            "--kafka-topic",
            "t",
            "--from",
            "2026-01-01T00:00:00Z",
            "--to",
            "2026-01-02T00:00:00Z",
            "-o",
            "x.onnx");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
  }

  /** {@code vigil train} of a small model (W 8, S 2, 8 hidden, code 2) to {@code model}. */
  private int trainSmall(Path model, String... options) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--data",
                csv().toString(),
                "--window",
                "8",
                "--stride",
                "2",
                "--hidden",
                "8",
                "--latent",
                "2",
                "-o",
                model.toString()));
    args.addAll(List.of(options));
    return vigil(args.toArray(String[]::new));
  }
}
