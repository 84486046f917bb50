package io.vigil.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) that needs Kafka: parameters of type {@link KafkaCluster} are then
 * injected with the JVM's one broker, chosen by the {@code vigil.test.broker} system property (see
 * {@link KafkaBrokerExtension}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafka {}
