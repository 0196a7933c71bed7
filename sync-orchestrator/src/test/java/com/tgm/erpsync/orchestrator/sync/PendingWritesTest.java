package com.tgm.erpsync.orchestrator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tgm.erpsync.contracts.ErpType;
import com.tgm.erpsync.contracts.command.RecordWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a feed step's writes are cut into commands. */
class PendingWritesTest {
  private final List<List<RecordWrite>> sent = new ArrayList<>();
  private final CommandSender sender =
      new CommandSender(null, new ObjectMapper()) {
        @Override
        public void upsert(SyncJob job, SyncTask task, ErpType erpType, List<RecordWrite> writes) {
          sent.add(writes);
        }
      };

  @Test
  void cutsWritesIntoCommandsOfTheBatchSize() {
    PendingWrites pending = new PendingWrites(sender, null, null, ErpType.SAP_S4HANA, 100);
    for (int i = 0; i < 250; i++) {
      pending.add(write(i, 10));
    }
    pending.flush();
    pending.flush();

    assertThat(sent).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(sent.stream().flatMap(List::stream).map(RecordWrite::tgmRecordId))
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 250).boxed().toList());
  }

  @Test
  void keepsEveryCommandWithinTheSizeLimitHoweverLargeTheBatchSize() {
    PendingWrites pending = new PendingWrites(sender, null, null, ErpType.SAP_S4HANA, 1_000);
    for (int i = 0; i < 40; i++) {
      pending.add(write(i, 100_000)); // 40 writes of ~100 KB: 4 MB in all
    }
    pending.add(write(99, PendingWrites.MAX_COMMAND_BYTES * 2)); // larger than a command: alone
    pending.flush();

    assertThat(sent.stream().mapToInt(List::size).sum()).isEqualTo(41);
    for (List<RecordWrite> command : sent.subList(0, sent.size() - 1)) {
      assertThat(command.stream().mapToInt(sender::encodedSize).sum())
          .isLessThanOrEqualTo(PendingWrites.MAX_COMMAND_BYTES);
    }
    assertThat(sent.get(sent.size() - 1)).extracting(RecordWrite::tgmRecordId).containsExactly(99L);
    assertThat(sent).hasSizeGreaterThan(8);
  }

  private static RecordWrite write(long id, int valueLength) {
    return new RecordWrite(
        id, null, null, Map.of("Description", "x".repeat(valueLength)), "k" + id);
  }
}
