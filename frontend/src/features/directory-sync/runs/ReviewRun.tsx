import { useEffect, useRef } from "react";
import { useMutation } from "urql";
import { errorMessage } from "../../../lib/errors";
import { ApproveSyncRunMutation, RejectSyncRunMutation } from "../documents";
import { RunChanges } from "./ChangesTable";
import { type Run } from "./runFormat";
import { useHeldReasons } from "./useHeldReasons";

/**
 * A run held by the guard: why (inactivations, cleared fields, admin demotions), who it would
 * inactivate, blank or demote, then approve or reject.
 */
export function ReviewRun({ run, onDecided, onClose }: { run: Run; onDecided: () => void; onClose: () => void }) {
  const runId = run.id;
  const reasons = useHeldReasons(runId);
  const [approveState, approve] = useMutation(ApproveSyncRunMutation);
  const [rejectState, reject] = useMutation(RejectSyncRunMutation);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [runId]);
  const busy = approveState.fetching || rejectState.fetching;
  const error = approveState.error ?? rejectState.error;

  const decide = async (what: "approve" | "reject") => {
    const res = what === "approve" ? await approve({ id: runId }) : await reject({ id: runId });
    if (res.data) onDecided();
  };

  return (
    <section className="card review" aria-labelledby="review-title">
      <h4 id="review-title" ref={heading} tabIndex={-1}>
        Review the held run
      </h4>
      <p>
        This run stopped because it would inactivate, blank or demote more users than the guard allows. Approve it to
        apply its changes as planned, or reject it to change nothing.
      </p>
      <ul className="guard-reasons">
        {[...reasons.inactivates, ...reasons.clears, ...reasons.demotes].map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      {(reasons.clears.length > 0 || reasons.demotes.length > 0) && (
        <RunChanges runId={runId} only={["UPDATE"]} caption={updatesCaption(reasons.clears.length > 0, reasons.demotes.length > 0)} />
      )}
      {(reasons.inactivates.length > 0 || (reasons.clears.length === 0 && reasons.demotes.length === 0)) && (
        <RunChanges runId={runId} only={["DEACTIVATE"]} caption="Users this run would inactivate" />
      )}
      {error && <p role="alert" className="error">{errorMessage(error)}</p>}
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={() => void decide("approve")}>
          Approve and apply
        </button>
        <button type="button" disabled={busy} onClick={() => void decide("reject")}>
          Reject
        </button>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}

/** The caption of a held run's updates: those that clear fields, demote admins, or both. */
function updatesCaption(clears: boolean, demotes: boolean): string {
  if (!demotes) return "Users whose fields this run would change or clear";
  return clears ? "Users whose fields or role this run would change or clear" : "Users whose role this run would change";
}
