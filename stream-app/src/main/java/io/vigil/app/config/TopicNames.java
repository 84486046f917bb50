package io.vigil.app.config;

/**
 * Names of Vigil's topics: a common prefix and one configurable name each. A replay into an
 * isolated namespace only changes the prefix.
 */
public record TopicNames(
    String prefix,
    String frames,
    String readings,
    String policies,
    String activePolicies,
    String scores,
    String anomalies,
    String deadLetter,
    String denoised,
    String embeddings) {

  public TopicNames {
    for (String name :
        new String[] {
          frames,
          readings,
          policies,
          activePolicies,
          scores,
          anomalies,
          deadLetter,
          denoised,
          embeddings
        }) {
      if (name == null || !(prefix + name).matches("[A-Za-z0-9._-]{1,249}")) {
        throw new ConfigException("vigil.topic.*", prefix + name, "a legal Kafka topic name");
      }
    }
  }

  /** The default names under {@code prefix}. */
  public static TopicNames withPrefix(String prefix) {
    return new TopicNames(
        prefix,
        "frames",
        "readings",
        "policies",
        "policies-active",
        "scores",
        "anomalies",
        "dead-letter",
        "denoised",
        "embeddings");
  }

  static TopicNames read(VigilConfig.Reader r) {
    TopicNames d = withPrefix(r.string("vigil.topic.prefix", "vigil."));
    return new TopicNames(
        d.prefix(),
        r.string("vigil.topic.frames", d.frames()),
        r.string("vigil.topic.readings", d.readings()),
        r.string("vigil.topic.policies", d.policies()),
        r.string("vigil.topic.policies-active", d.activePolicies()),
        r.string("vigil.topic.scores", d.scores()),
        r.string("vigil.topic.anomalies", d.anomalies()),
        r.string("vigil.topic.dead-letter", d.deadLetter()),
        r.string("vigil.topic.denoised", d.denoised()),
        r.string("vigil.topic.embeddings", d.embeddings()));
  }

  public String framesTopic() {
    return prefix + frames;
  }

  public String readingsTopic() {
    return prefix + readings;
  }

  public String policiesTopic() {
    return prefix + policies;
  }

  public String activePoliciesTopic() {
    return prefix + activePolicies;
  }

  public String scoresTopic() {
    return prefix + scores;
  }

  public String anomaliesTopic() {
    return prefix + anomalies;
  }

  public String deadLetterTopic() {
    return prefix + deadLetter;
  }

  public String denoisedTopic() {
    return prefix + denoised;
  }

  public String embeddingsTopic() {
    return prefix + embeddings;
  }
}
