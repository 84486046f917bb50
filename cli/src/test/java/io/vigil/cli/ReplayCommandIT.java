package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.broker.BrokerSettings;
import io.vigil.broker.EmbeddedKafkaBroker;
import io.vigil.model.linear.SimulatedFleetModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil replay} on an embedded broker: a simulated CSV into a namespace, detected there,
 * listed and deleted; a bad row stops the replay with its file and line unless {@code --skip-bad}.
 */
class ReplayCommandIT extends CliTest {
  @TempDir Path dir;

  @Test
  void aRecordingIsReplayedIntoANamespaceListedAndDeleted() throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(BrokerSettings.defaults(dir.resolve("broker")))) {
      Path model = dir.resolve("model.onnx");
      SimulatedFleetModels.pca(model, 42, 8, 2, 4);
      Path config = dir.resolve("live.properties");
      Files.writeString(
          config,
          String.join(
              "\n",
              "vigil.bootstrap.servers=" + broker.bootstrapServers(),
              "vigil.application.id=cli-live",
              "vigil.commit.interval.ms=200",
              "vigil.state.dir=" + dir.resolve("state"),
              "vigil.model.path=" + model));
      Path sim = dir.resolve("sim.csv");
      assertThat(
              vigil(
                  "simulate",
                  "--devices",
                  "2",
                  "--duration",
                  "10m",
                  "--seed",
                  "3",
                  "--out",
                  sim.toString()))
          .isZero();
      // One malformed row in the middle.
      List<String> lines = new ArrayList<>(Files.readAllLines(sim));
      lines.add(500, "device-000,not-a-time,1,2,3,4,0,");
      Path bad = dir.resolve("bad.csv");
      Files.write(bad, lines);

      int stopped =
          vigil(
              "replay",
              "--config",
              config.toString(),
              "--namespace",
              "t1",
              "--data",
              bad.toString());
      assertThat(stopped).isNotZero();
      assertThat(err.toString()).contains("bad.csv", "line 501");

      int code = replay(config, bad, "--skip-bad");
      assertThat(code).as(err.toString()).isZero();
      List<String> output = out.toString().lines().toList();
      assertThat(output.get(output.size() - 1))
          .startsWith("replay namespace=t1 frames=1200 published=1200 resumed_from=0")
          .contains("bad_rows=1");
      assertThat(out.toString()).contains("skipped 1 bad rows", "line 501");

      // Run again: everything was committed, nothing is published twice.
      assertThat(replay(config, bad, "--skip-bad")).isZero();
      output = out.toString().lines().toList();
      assertThat(output.get(output.size() - 1)).contains("published=0 resumed_from=1200");

      assertThat(vigil("replay", "--config", config.toString(), "--list")).isZero();
      assertThat(out.toString()).contains("replay namespaces=1");
      assertThat(vigil("replay", "--config", config.toString(), "--delete", "t1")).isZero();
      assertThat(vigil("replay", "--config", config.toString(), "--list")).isZero();
      output = out.toString().lines().toList();
      assertThat(output.get(output.size() - 1)).isEqualTo("replay namespaces=0");
    }
  }

  private int replay(Path config, Path data, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "replay",
                "--config",
                config.toString(),
                "--namespace",
                "t1",
                "--data",
                data.toString()));
    args.addAll(List.of(more));
    return vigil(args.toArray(String[]::new));
  }
}
