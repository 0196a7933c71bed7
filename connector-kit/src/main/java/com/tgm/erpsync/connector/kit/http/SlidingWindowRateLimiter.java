package com.tgm.erpsync.connector.kit.http;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most {@code limit} sends in any window of {@code period}, counted over actual sends. A send
 * holds its slot while in flight and the window is measured from when it finished, so the ERP never
 * sees more than the limit within a period even when requests travel for a while. Callers over the
 * limit wait; they are never rejected.
 */
final class SlidingWindowRateLimiter {

  /** A slot in the window; finished once its send has completed. */
  static final class Slot {
    private boolean finished;
    private long finishedAt;
  }

  private static final Slot UNLIMITED = new Slot();

  private final int limit;
  private final long periodNanos;
  private final ReentrantLock lock = new ReentrantLock(true);
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Slot> slots = new ArrayDeque<>();

  SlidingWindowRateLimiter(int limit, long period, TimeUnit unit) {
    this.limit = limit;
    this.periodNanos = unit.toNanos(Math.max(0, period));
  }

  /** Waits until a send is allowed and takes its slot; release it once the send completed. */
  Slot acquire() throws InterruptedException {
    if (limit <= 0 || periodNanos <= 0) {
      return UNLIMITED;
    }
    lock.lockInterruptibly();
    try {
      while (true) {
        long now = System.nanoTime();
        slots.removeIf(slot -> slot.finished && now - slot.finishedAt >= periodNanos);
        if (slots.size() < limit) {
          Slot slot = new Slot();
          slots.add(slot);
          return slot;
        }
        long wait = Long.MAX_VALUE;
        for (Slot slot : slots) {
          if (slot.finished) {
            wait = Math.min(wait, slot.finishedAt + periodNanos - now);
          }
        }
        if (wait == Long.MAX_VALUE) {
          changed.await();
        } else {
          changed.awaitNanos(Math.max(wait, 1));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  void release(Slot slot) {
    if (slot == UNLIMITED) {
      return;
    }
    lock.lock();
    try {
      slot.finished = true;
      slot.finishedAt = System.nanoTime();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
