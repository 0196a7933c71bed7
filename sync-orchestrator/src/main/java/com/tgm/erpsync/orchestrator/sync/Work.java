package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.orchestrator.sync.JobRepository.TaskRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one transaction of the driver works on: the jobs it has locked, and the tasks it read and
 * changed, written back once at the end ({@link JobFlow#finish}) together with the counters.
 */
final class Work {
  private final JobRepository jobs;
  private final Map<Long, SyncJob> locked;
  private final Map<TaskRef, SyncTask> tasks = new LinkedHashMap<>();
  private final Map<TaskRef, PendingWrites> writes = new LinkedHashMap<>();

  Work(JobRepository jobs, Map<Long, SyncJob> locked) {
    this.jobs = jobs;
    this.locked = new LinkedHashMap<>(locked);
  }

  static Work of(JobRepository jobs, SyncJob job) {
    return new Work(jobs, Map.of(job.id, job));
  }

  /** A job of this transaction; one not locked yet is locked now (an answer naming another job). */
  Optional<SyncJob> job(long jobId) {
    SyncJob job = locked.get(jobId);
    if (job == null) {
      job = jobs.lock(jobId).orElse(null);
      if (job != null) {
        locked.put(jobId, job);
      }
    }
    return Optional.ofNullable(job);
  }

  Collection<SyncJob> jobs() {
    return locked.values();
  }

  /** A task of a locked job, read once per transaction. */
  Optional<SyncTask> task(long jobId, long mappingId, String direction) {
    TaskRef ref = new TaskRef(jobId, mappingId, direction);
    SyncTask task = tasks.get(ref);
    if (task == null) {
      task = jobs.task(jobId, mappingId, direction).orElse(null);
      if (task != null) {
        tasks.put(ref, task);
      }
    }
    return Optional.ofNullable(task);
  }

  /** Every task of a locked job; those read before in this transaction are the same objects. */
  List<SyncTask> tasksOf(long jobId) {
    List<SyncTask> all = new ArrayList<>();
    for (SyncTask fresh : jobs.tasks(jobId)) {
      TaskRef ref = new TaskRef(fresh.jobId, fresh.mappingId, fresh.direction);
      all.add(tasks.computeIfAbsent(ref, r -> fresh));
    }
    return all;
  }

  Collection<SyncTask> tasks() {
    return tasks.values();
  }

  /**
   * The writes of a task decided in this transaction one record at a time (realtime changes,
   * settled conflicts), batched like a feed step's and sent at its end ({@link #flushWrites}).
   */
  PendingWrites writes(SyncTask task, java.util.function.Supplier<PendingWrites> create) {
    return writes.computeIfAbsent(
        new TaskRef(task.jobId, task.mappingId, task.direction), ref -> create.get());
  }

  void flushWrites() {
    writes.values().forEach(PendingWrites::flush);
    writes.clear();
  }
}
