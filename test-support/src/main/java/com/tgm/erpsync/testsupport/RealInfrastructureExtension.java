package com.tgm.erpsync.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Real Kafka and PostgreSQL for plain JUnit tests: declare a {@link KafkaEndpoint} or a {@link
 * TestDatabase} parameter. Each test class gets its own database.
 */
public class RealInfrastructureExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealInfrastructureExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaEndpoint.class || type == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == KafkaEndpoint.class) {
      return TestInfrastructure.kafka();
    }
    Class<?> testClass = context.getRequiredTestClass();
    ExtensionContext classContext =
        context.getParent().filter(c -> c.getTestClass().isPresent()).orElse(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            testClass.getName(),
            key -> {
              PostgresEndpoint postgres = TestInfrastructure.postgres();
              return new TestDatabase(
                  postgres.createDatabase(testClass.getSimpleName()),
                  postgres.user(),
                  postgres.password());
            },
            TestDatabase.class);
  }
}
