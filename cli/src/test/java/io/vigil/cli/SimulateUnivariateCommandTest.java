package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.simulate.UnivariateAnomalyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil simulate --mode univariate}: a benchmark-like univariate CSV. */
class SimulateUnivariateCommandTest extends CliTest {
  @TempDir Path dir;

  private int simulate(Path csv, String seed, String... more) {
    String[] base = {
      "simulate",
      "--mode",
      "univariate",
      "--devices",
      "3",
      "--duration",
      "21d",
      "--seed",
      seed,
      "--out",
      csv.toString()
    };
    String[] args = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return vigil(args);
  }

  @Test
  void writesTheSameUnivariateCsvForTheSameSeed() throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Path c = dir.resolve("c.csv");
    assertThat(simulate(a, "5")).as(err.toString()).isZero();
    assertThat(simulate(b, "5")).isZero();
    assertThat(simulate(c, "6")).isZero();
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    assertThat(Files.mismatch(a, c)).isNotEqualTo(-1L);
    assertThat(out.toString()).contains("simulate summary: mode=univariate", "step=PT5M");
  }

  @Test
  void theCsvHoldsPausesDuplicatesFlatsAndEveryLabelledKind() throws Exception {
    Path csv = dir.resolve("uni.csv");
    assertThat(simulate(csv, "5")).as(err.toString()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("device_id,timestamp,value,anomaly,anomaly_kind");

    int pauses = 0;
    int duplicates = 0;
    int longestFlat = 0;
    Map<String, Integer> flat = new HashMap<>();
    Set<String> kinds = new HashSet<>();
    // Rows of all devices come in time order, interleaved: each device is followed on its own.
    Map<String, String[]> previousOf = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertThat(f).hasSize(5);
      if (f[3].equals("1")) {
        kinds.add(f[4]);
      } else {
        assertThat(f[4]).isEmpty();
      }
      String[] previous = previousOf.put(f[0], f);
      if (previous != null) {
        Duration gap = Duration.between(Instant.parse(previous[1]), Instant.parse(f[1]));
        assertThat(gap.isNegative()).as("rows in time order: %s", line).isFalse();
        if (gap.isZero()) {
          duplicates++;
        } else if (gap.compareTo(Duration.ofMinutes(5)) > 0) {
          pauses++;
        } else {
          assertThat(gap).isEqualTo(Duration.ofMinutes(5));
        }
        int run = f[2].equals(previous[2]) ? flat.getOrDefault(f[0], 1) + 1 : 1;
        flat.put(f[0], run);
        longestFlat = Math.max(longestFlat, run);
      }
    }
    assertThat(previousOf).hasSize(3);
    assertThat(pauses).isGreaterThan(5);
    assertThat(duplicates).isPositive();
    assertThat(longestFlat).isGreaterThanOrEqualTo(12);
    assertThat(kinds)
        .containsExactlyInAnyOrder(
            Arrays.stream(UnivariateAnomalyKind.values()).map(Enum::name).toArray(String[]::new));
  }

  @Test
  void theStepIsAnOption() throws Exception {
    Path csv = dir.resolve("minute.csv");
    assertThat(
            vigil(
                "simulate",
                "--mode",
                "univariate",
                "--step",
                "1m",
                "--devices",
                "1",
                "--duration",
                "2m",
                "--seed",
                "1",
                "--out",
                csv.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.readAllLines(csv))
        .hasSize(3)
        .element(2)
        .asString()
        .startsWith("device-000,2026-01-05T00:01:00Z,");
  }

  @Test
  void refusesKafkaAStepForTheFleetAndAnUnknownMode() {
    assertThat(
            vigil(
                "simulate",
                "--mode",
                "univariate",
                "--devices",
                "1",
                "--duration",
                "1h",
                "--seed",
                "1",
                "--bootstrap",
                "localhost:9092",
                "--topic",
                "frames"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--mode univariate writes CSV only");
    String out = dir.resolve("x.csv").toString();
    assertThat(
            vigil(
                "simulate",
                "--step",
                "5m",
                "--devices",
                "1",
                "--duration",
                "1h",
                "--seed",
                "1",
                "--out",
                out))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--step applies to --mode univariate only");
    assertThat(
            vigil(
                "simulate",
                "--mode",
                "seasonal",
                "--devices",
                "1",
                "--duration",
                "1h",
                "--seed",
                "1",
                "--out",
                out))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--mode seasonal is invalid; expected one of [fleet, univariate]");
  }
}
