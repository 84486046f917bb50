package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil evaluate}'s usage; the full SKAB run takes minutes and is reproduced by the command
 * in the README, not here.
 */
class EvaluateCommandTest extends CliTest {
  @Test
  void aDataSetIsRequired() {
    assertThat(vigil("evaluate")).isEqualTo(2);
    assertThat(err.toString()).contains("a data set is required");
  }

  @Test
  void skabHelpNamesTheProtocolAndTheSummaryLine() {
    assertThat(vigil("evaluate", "skab", "--help")).isZero();
    assertThat(out.toString()).contains("first 400 rows").contains("skab F1=");
  }

  @Test
  void aFolderWithoutSkabDataIsAUsageError(@TempDir Path empty) {
    assertThat(vigil("evaluate", "skab", "--data", empty.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("expected the SKAB data folder with [valve1, valve2, other]");
  }

  @Test
  void anUnknownThresholdMethodIsAUsageErrorListingTheMethods(@TempDir Path empty) {
    assertThat(vigil("evaluate", "skab", "--data", empty.toString(), "--threshold", "magic"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("[STATIC, EWMA, QUANTILE, SPOT, DSPOT, LIKELIHOOD]");
  }

  @Test
  void aMalformedOpenRuleIsAUsageError(@TempDir Path empty) {
    assertThat(vigil("evaluate", "skab", "--data", empty.toString(), "--open", "3of5"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("open=3of5 is invalid, expected m/n");
  }

  @Test
  void selectOnNeedsAGridAndAGridTakesNoPolicyOptions(@TempDir Path empty) {
    assertThat(skab(empty, "--select-on", "valve1")).isEqualTo(2);
    assertThat(err.toString()).contains("--select-on needs --grid FILE");
    String grid = empty.resolve("grid.txt").toString();
    assertThat(skab(empty, "--grid", grid, "--threshold", "static")).isEqualTo(2);
    assertThat(err.toString()).contains("--grid takes its policies from the grid file");
  }

  @Test
  void seedsNeedAGridReplaceTheSeedAndAreGivenOnce(@TempDir Path empty) {
    String grid = empty.resolve("grid.txt").toString();
    assertThat(skab(empty, "--seeds", "1,2")).isEqualTo(2);
    assertThat(err.toString()).contains("--seeds needs --grid FILE");
    assertThat(skab(empty, "--grid", grid, "--seeds", "1,2", "--seed", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("give --seed or --seeds, not both");
    assertThat(skab(empty, "--grid", grid, "--seeds", "1,1")).isEqualTo(2);
    assertThat(err.toString()).contains("--seeds [1, 1]: give each seed once");
  }

  @Test
  void aLevelRemovalWithAnEmptyChannelNameIsAUsageError(@TempDir Path empty) {
    assertThat(skab(empty, "--remove-level", "Temperature,,Current")).isEqualTo(2);
    assertThat(err.toString()).contains("an empty channel name");
  }

  private int skab(Path data, String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "evaluate";
    args[1] = "skab";
    args[2] = "--data";
    args[3] = data.toString();
    System.arraycopy(options, 0, args, 4, options.length);
    return vigil(args);
  }
}
