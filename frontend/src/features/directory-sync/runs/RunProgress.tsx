import { useEffect, useRef } from "react";
import { errorMessage } from "../../../lib/errors";
import { RunResult } from "./RunResult";
import { isFinished, progressPercent, progressText, type Run } from "./runFormat";
import { useRunPolling } from "./useRunPolling";

interface Props {
  /** The run to follow. */
  runId: string;
  /** The run as first known (from the mutation), shown until the first poll answers. */
  initial?: Run | null;
  /** Called once when the run finishes. */
  onFinished?: (run: Run) => void;
  /** Called when an unmatched office is fixed from the finished run's issues. */
  onOfficeFixed?: (message: string) => void;
}

/** A live progress bar for a run, then its result. */
export function RunProgress({ runId, initial, onFinished, onOfficeFixed }: Props) {
  const { run: polled, error } = useRunPolling(runId);
  const run = polled ?? (initial?.id === runId ? initial : null);
  const reported = useRef<string | null>(null);
  const finished = run !== null && isFinished(run.status);
  useEffect(() => {
    if (run && finished && reported.current !== run.id) {
      reported.current = run.id;
      onFinished?.(run);
    }
  }, [run, finished, onFinished]);

  if (!run) {
    return error ? <p role="alert" className="error">Cannot read the run: {errorMessage(error)}</p> : <p aria-live="polite">Starting…</p>;
  }
  const pct = progressPercent(run);
  return (
    <div className="run-progress">
      {!finished && (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-label={run.dryRun ? "Dry run progress" : "Sync progress"}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={progressText(run)}
          >
            <div className="progress-bar" style={{ width: `${pct}%` }} />
          </div>
          <p className="muted" aria-live="polite">
            {progressText(run)}
          </p>
        </>
      )}
      {finished && <RunResult run={run} onOfficeFixed={onOfficeFixed} />}
    </div>
  );
}
