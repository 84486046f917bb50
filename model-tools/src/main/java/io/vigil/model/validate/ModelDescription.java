package io.vigil.model.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.contract.Scaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a validation report as the lines {@code vigil validate-model} prints. */
public final class ModelDescription {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ModelDescription() {}

  /**
   * Describes a report: the metadata of an accepted model, or the problems of a refused one.
   *
   * @param report the report
   * @return the lines
   */
  public static List<String> lines(ValidationReport report) {
    List<String> lines = new ArrayList<>();
    if (!report.accepted()) {
      lines.add(
          "model "
              + report.source()
              + " is REFUSED: "
              + report.problems().size()
              + (report.problems().size() == 1 ? " problem" : " problems"));
      report.problems().forEach(problem -> lines.add("  - " + problem));
      return lines;
    }
    ModelMetadata m = report.metadata();
    lines.add("model " + report.source() + " honours the Vigil model contract");
    lines.add(
        String.format(
            Locale.ROOT,
            "  format:     ONNX IR %d, opset %d, producer '%s'",
            report.irVersion(),
            report.opset(),
            report.producer()));
    lines.add("  id:         " + m.modelId() + " version " + m.modelVersion());
    lines.add("  kind:       " + m.kind());
    lines.add("  features:   " + m.features());
    lines.add("  window:     W=" + m.window() + ", stride S=" + m.stride());
    lines.add("  scaler:     " + scaler(m.scaler()));
    lines.add("  threshold:  " + m.suggestedThreshold() + " (suggested)");
    lines.add("  provenance: " + pretty(m.provenanceJson()).replace("\n", "\n  "));
    return lines;
  }

  private static String scaler(Scaler scaler) {
    if (scaler.isIdentity()) {
      return "identity";
    }
    StringBuilder text = new StringBuilder();
    for (int f = 0; f < scaler.featureCount(); f++) {
      text.append(f == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%.4g±%.3g", scaler.mean(f), scaler.std(f)));
    }
    return text.toString();
  }

  private static String pretty(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return json;
    }
  }
}
