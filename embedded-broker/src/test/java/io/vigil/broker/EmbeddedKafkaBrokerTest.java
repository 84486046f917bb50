package io.vigil.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks {@link EmbeddedKafkaBroker#start} makes before any Kafka code runs. */
class EmbeddedKafkaBrokerTest {

  @Test
  void rejectsADataDirThatIsAFile(@TempDir Path tempDir) throws IOException {
    Path file = Files.writeString(tempDir.resolve("not-a-dir"), "x");

    assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerSettings.defaults(file)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataDir must be a directory")
        .hasMessageContaining(file.toString());
  }

  @Test
  void rejectsAnOverrideKafkaCannotParseNamingIt(@TempDir Path dataDir) {
    BrokerSettings settings =
        BrokerSettings.defaults(dataDir).withOverride("num.partitions", "many");

    assertThatThrownBy(() -> EmbeddedKafkaBroker.start(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("num.partitions")
        .hasMessageContaining("many");
    assertThat(dataDir.resolve("meta.properties")).doesNotExist();
  }
}
