package com.tgm.erpsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.tgm.erpsync.contracts.command.TestConnection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class MessageMetaTest {

  @Test
  void createStartsAFreshUntracedEnvelopeAtTheCurrentVersion() {
    MessageMeta meta = MessageMeta.create("123");

    assertThat(meta.schemaVersion()).isEqualTo(MessageMeta.CURRENT_SCHEMA_VERSION).isEqualTo(1);
    assertThat(meta.correlationId()).isEqualTo("123");
    assertThat(meta.traceparent()).isNull();
    assertThat(meta.tracestate()).isNull();
    assertThat(meta.occurredAt()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
    assertThat(MessageMeta.create("123").messageId()).isNotEqualTo(meta.messageId());
  }

  @Test
  void withTraceKeepsEverythingElse() {
    MessageMeta meta = MessageMeta.create("123");

    MessageMeta traced =
        meta.withTrace("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tgm=1");

    assertThat(traced.traceparent())
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(traced.tracestate()).isEqualTo("tgm=1");
    assertThat(traced.withTrace(null, null)).isEqualTo(meta);
  }

  @Test
  void messagesRefuseToBeBuiltWithoutAnEnvelope() {
    assertThatThrownBy(() -> new TestConnection(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("meta");
  }
}
