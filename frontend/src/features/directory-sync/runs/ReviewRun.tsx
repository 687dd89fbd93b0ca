import { useEffect, useRef } from "react";
import { useMutation } from "urql";
import { errorMessage } from "../../../lib/errors";
import { ApproveSyncRunMutation, RejectSyncRunMutation } from "../documents";
import { RunChanges } from "./ChangesTable";

/** A run held by the deactivation guard: who it would inactivate, then approve or reject. */
export function ReviewRun({ runId, onDecided, onClose }: { runId: string; onDecided: () => void; onClose: () => void }) {
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
        This run stopped because it would inactivate more users than the deactivation guard allows. Approve it to apply its
        changes as planned, or reject it to change nothing.
      </p>
      <RunChanges runId={runId} only={["DEACTIVATE"]} caption="Users this run would inactivate" />
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
