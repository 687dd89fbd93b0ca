import { useCallback, useState } from "react";
import { useMutation } from "urql";
import { errorMessage } from "../../../lib/errors";
import { RunDirectorySyncMutation } from "../documents";
import { RunChanges } from "../runs/ChangesTable";
import { RunProgress } from "../runs/RunProgress";
import type { Run } from "../runs/runFormat";

/**
 * Runs a dry run with the saved mapping and shows what the next sync would change. An
 * unmatched office fixed from its issues runs the dry run again, which then matches it.
 */
export function DryRunPanel({ disabledReason }: { disabledReason: string | null }) {
  const [run, setRun] = useState<Run | null>(null);
  const [finished, setFinished] = useState<Run | null>(null);
  const [state, start] = useMutation(RunDirectorySyncMutation);
  const onFinished = useCallback((r: Run) => setFinished(r), []);
  const [fixNote, setFixNote] = useState("");

  const dryRun = async (note = "") => {
    setFixNote(note);
    setFinished(null);
    const res = await start({ dryRun: true });
    if (res.data) setRun(res.data.runDirectorySync);
  };
  const running = run !== null && finished === null;
  const onOfficeFixed = (message: string) => {
    if (disabledReason === null) void dryRun(`${message} The dry run runs again with it.`);
    else setFixNote(`${message} ${disabledReason}`);
  };

  return (
    <section className="card" aria-labelledby="dryrun-title">
      <h3 id="dryrun-title">Dry run</h3>
      <p className="muted">See exactly what the next sync would change with the saved mapping. Nothing is changed.</p>
      <button type="button" onClick={() => void dryRun()} disabled={disabledReason !== null || running || state.fetching} aria-describedby={disabledReason ? "dryrun-why" : undefined}>
        {running ? "Dry run in progress…" : "Run a dry run"}
      </button>
      {disabledReason && (
        <p id="dryrun-why" className="muted small">
          {disabledReason}
        </p>
      )}
      {state.error && <p role="alert" className="error">The dry run could not start. {errorMessage(state.error)}</p>}
      {fixNote && <p role="status" className="success">{fixNote}</p>}
      {run && <RunProgress runId={run.id} initial={run} onFinished={onFinished} onOfficeFixed={onOfficeFixed} />}
      {finished && finished.status !== "FAILED" && <RunChanges runId={finished.id} caption="What the next sync would change" />}
    </section>
  );
}
