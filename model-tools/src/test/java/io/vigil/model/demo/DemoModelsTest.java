package io.vigil.model.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.vigil.model.validate.ModelValidator;
import io.vigil.model.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoModelsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path first;
  @TempDir Path second;

  @Test
  void trainsAValidDemoModelOnceReusesItAndReplacesABrokenOne() throws IOException {
    Path model = DemoModels.ensure(first, 2, 11, CLOCK);

    ValidationReport report = ModelValidator.validate(model);
    assertThat(report.accepted()).isTrue();
    assertThat(report.metadata().window()).isEqualTo(DemoModels.WINDOW);
    assertThat(report.metadata().stride()).isEqualTo(DemoModels.STRIDE);
    assertThat(report.metadata().provenanceJson()).contains("\"source\":\"simulator:devices=2");

    FileTime written = Files.getLastModifiedTime(model);
    Files.setLastModifiedTime(model, FileTime.fromMillis(0));
    assertThat(DemoModels.ensure(first, 2, 11, CLOCK)).isEqualTo(model);
    assertThat(Files.getLastModifiedTime(model))
        .as("not retrained")
        .isEqualTo(FileTime.fromMillis(0));
    assertThat(written).isNotEqualTo(FileTime.fromMillis(0));

    Files.writeString(model, "truncated");
    assertThat(DemoModels.ensure(first, 2, 11, CLOCK)).isEqualTo(model);
    assertThat(ModelValidator.validate(model).accepted()).as("a broken file is replaced").isTrue();
  }

  @Test
  void theSameSeedGivesTheSameModel() throws IOException {
    ModelProto a = ModelProto.parseFrom(Files.readAllBytes(DemoModels.ensure(first, 1, 5, CLOCK)));
    ModelProto b = ModelProto.parseFrom(Files.readAllBytes(DemoModels.ensure(second, 1, 5, CLOCK)));

    assertThat(b).isEqualTo(a);
  }
}
