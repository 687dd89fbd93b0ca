import { useEffect, useRef } from "react";

interface Props {
  /** How many people the sync would inactivate. */
  count: number;
  /** The first of their names. */
  sample: string[];
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before a Sync now that would inactivate people: how many, and who first. */
export function ConfirmDeactivations({ count, sample, onConfirm, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const people = count === 1 ? "1 person" : `${count.toLocaleString()} people`;
  const more = count - sample.length;
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="confirm-deactivations-title" aria-describedby="confirm-deactivations-body">
      <p id="confirm-deactivations-title">
        <strong>This sync will inactivate {people}.</strong>
      </p>
      <p id="confirm-deactivations-body">
        {sample.join(", ")}
        {more > 0 ? ` and ${more.toLocaleString()} more` : ""} will lose access to OfficeTogether (from the directory as last read).
      </p>
      <div className="actions">
        <button type="button" className="danger" onClick={onConfirm}>
          Inactivate {people} and sync
        </button>
        <button type="button" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
