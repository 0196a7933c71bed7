package com.tgm.erpsync.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node KRaft Kafka cluster (combined broker and controller) inside this JVM, on random
 * ports. It is the real broker code, not a fake: the same protocol, group coordinator and log.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class.getName());

  private final KafkaClusterTestKit cluster;

  private EmbeddedKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  public static EmbeddedKafka start() {
    long started = System.nanoTime();
    try {
      // Our own log directory: by default the test kit takes one whose deletion is a JVM shutdown
      // hook racing the broker's own shutdown, and a broker that loses its log directory halts
      // the JVM with exit code 1.
      Path logDirectory = Files.createTempDirectory("tgm-kafka-");
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setBaseDirectory(logDirectory)
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .build();
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(nodes)
              // as in production: topics are created on purpose, with their partitions and policy
              .setConfigProp("auto.create.topics.enable", "false")
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "5")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setDeleteOnClose(true)
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      EmbeddedKafka kafka = new EmbeddedKafka(cluster);
      LOG.info(
          () ->
              "Embedded Kafka (KRaft) ready at "
                  + cluster.bootstrapServers()
                  + " in "
                  + (System.nanoTime() - started) / 1_000_000
                  + " ms");
      return kafka;
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the embedded Kafka broker", e);
    }
  }

  public KafkaEndpoint endpoint() {
    return new KafkaEndpoint(cluster.bootstrapServers());
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      LOG.warning("Embedded Kafka did not stop cleanly: " + e);
    }
  }
}
