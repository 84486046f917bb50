package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The developer build (this test's class path) has every developer module, so a renamed probe class
 * cannot quietly turn {@code vigil demo} off there; the image's side is {@link ImageClassPathIT}.
 */
class DeveloperModuleTest {
  @ParameterizedTest
  @EnumSource(DeveloperModule.class)
  void everyModuleIsPresentInTheDeveloperBuild(DeveloperModule module) {
    assertThat(module.present()).isTrue();
    assertThatCode(() -> module.require("demo")).doesNotThrowAnyException();
  }

  @Test
  void theMissingLineNamesTheModuleAndWhereTheCommandRuns() {
    String line = DeveloperModule.DEMO.missing("demo");

    assertThat(line)
        .isEqualTo(
            "this build does not include the demo (module vigil-demo; the container image leaves"
                + " it out): run `vigil demo` from a developer build (./vigil in the repository)")
        .doesNotContain("\n");
  }
}
