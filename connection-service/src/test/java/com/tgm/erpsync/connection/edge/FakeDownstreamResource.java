package com.tgm.erpsync.connection.edge;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a {@link FakeDownstream} for mapping-service and one for sync-orchestrator and points the
 * edge's rest clients at them; a field {@code @InjectFakeDownstreams FakeDownstreams} of the test
 * class receives both. Init args {@code connect-timeout} and {@code read-timeout} (ms) set the
 * clients' timeouts, e.g. a short read timeout for a test of slow answers.
 */
public class FakeDownstreamResource implements QuarkusTestResourceLifecycleManager {
  public static final String CONNECT_TIMEOUT = "connect-timeout";
  public static final String READ_TIMEOUT = "read-timeout";

  private final Map<String, String> timeouts = new HashMap<>();
  private FakeDownstreams fakes;

  @Override
  public void init(Map<String, String> initArgs) {
    timeouts.put(CONNECT_TIMEOUT, initArgs.getOrDefault(CONNECT_TIMEOUT, "2000"));
    timeouts.put(READ_TIMEOUT, initArgs.getOrDefault(READ_TIMEOUT, "5000"));
  }

  @Override
  public Map<String, String> start() {
    fakes =
        new FakeDownstreams(
            FakeDownstream.start(MappingService.NAME), FakeDownstream.start(SyncOrchestrator.NAME));
    Map<String, String> config = new HashMap<>();
    for (FakeDownstream fake :
        new FakeDownstream[] {fakes.mappingService(), fakes.syncOrchestrator()}) {
      String prefix = "quarkus.rest-client." + fake.name() + ".";
      config.put(prefix + "url", fake.url());
      timeouts.forEach((key, value) -> config.put(prefix + key, value));
    }
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        fakes,
        new TestInjector.AnnotatedAndMatchesType(
            InjectFakeDownstreams.class, FakeDownstreams.class));
  }

  @Override
  public void stop() {
    if (fakes != null) {
      fakes.mappingService().close();
      fakes.syncOrchestrator().close();
    }
  }
}
