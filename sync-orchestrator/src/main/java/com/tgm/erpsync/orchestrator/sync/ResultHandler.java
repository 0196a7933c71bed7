package com.tgm.erpsync.orchestrator.sync;

import com.tgm.erpsync.contracts.result.ConnectorResult;
import com.tgm.erpsync.contracts.result.ExtractFailed;
import com.tgm.erpsync.contracts.result.PageExtracted;
import com.tgm.erpsync.contracts.result.RecordApplied;
import com.tgm.erpsync.contracts.result.RecordFailed;
import com.tgm.erpsync.contracts.result.RecordFetched;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies a batch of job results in the caller's transaction: locks the jobs named (in id order),
 * applies each result, then feeds each touched task once, ends the jobs that are done and writes
 * every job's counters once.
 */
@ApplicationScoped
public class ResultHandler {
  private final JobRepository jobs;
  private final InboundPages inbound;
  private final OutboundFeeder outbound;
  private final JobFlow flow;
  private final TaskResources resources;

  public ResultHandler(
      JobRepository jobs,
      InboundPages inbound,
      OutboundFeeder outbound,
      JobFlow flow,
      TaskResources resources) {
    this.jobs = jobs;
    this.inbound = inbound;
    this.outbound = outbound;
    this.flow = flow;
    this.resources = resources;
  }

  /** Returns whether a task has more to feed than this batch sent. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean handle(List<ConnectorResult> results) {
    if (!resources.loaded()) {
      // just started: a job's connection or mapping would look deleted; the batch is retried
      throw new IllegalStateException(
          "ErpSync results wait until erp.connections and erp.mappings are read");
    }
    TreeSet<Long> jobIds = new TreeSet<>();
    for (ConnectorResult result : results) {
      jobIds.add(jobIdOf(result));
    }
    Map<Long, SyncJob> locked = jobs.lockAll(jobIds);
    Work work = new Work(jobs, locked);
    List<ConnectorResult> accepted = new ArrayList<>(results.size());
    for (ConnectorResult result : results) {
      SyncJob job = locked.get(jobIdOf(result));
      if (job == null) {
        Log.debugf(
            "ErpSync %s for job %d ignored: no such job",
            result.getClass().getSimpleName(), jobIdOf(result));
      } else if (job.connectionId != result.connectionId()) {
        Log.warnf(
            "ErpSync %s for job %d ignored: it comes from connection %d, the job runs on %d",
            result.getClass().getSimpleName(), job.id, result.connectionId(), job.connectionId);
      } else {
        accepted.add(result);
      }
    }
    for (ConnectorResult result : accepted) {
      if (result instanceof PageExtracted page) {
        inbound.applyPage(work, page);
      } else if (result instanceof ExtractFailed failed) {
        inbound.extractFailed(work, failed);
      } else if (result instanceof RecordFetched fetched) {
        inbound.applyFetched(work, fetched);
      } else if (result instanceof RecordApplied applied) {
        outbound.applied(work, applied);
      } else if (result instanceof RecordFailed failed) {
        if (failed.idempotencyKey() == null) {
          inbound.fetchFailed(work, failed);
        } else {
          outbound.failed(work, failed);
        }
      }
    }
    return flow.finish(work);
  }

  private static long jobIdOf(ConnectorResult result) {
    if (result instanceof PageExtracted page) {
      return page.jobId();
    } else if (result instanceof ExtractFailed failed) {
      return failed.jobId();
    } else if (result instanceof RecordFetched fetched) {
      return fetched.jobId();
    } else if (result instanceof RecordApplied applied) {
      return applied.jobId();
    } else if (result instanceof RecordFailed failed) {
      return failed.jobId();
    }
    return -1L;
  }
}
