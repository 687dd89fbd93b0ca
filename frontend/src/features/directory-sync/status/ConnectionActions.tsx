import { useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import { errorMessage } from "../../../lib/errors";
import { DisconnectDirectoryMutation } from "../documents";
import { SetupWizard } from "../setup/SetupWizard";

interface Props {
  /** The connected directory's name. */
  name: string;
  /** Called after a disconnect, to reload the page. */
  onChanged: () => void;
}

/** Reconnect (the setup flow again, through the Admin Portal) and Disconnect (after confirmation). */
export function ConnectionActions({ name, onChanged }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [reconnecting, setReconnecting] = useState(false);
  const [state, disconnect] = useMutation(DisconnectDirectoryMutation);

  const confirm = async () => {
    const res = await disconnect({});
    if (res.data?.disconnectDirectory) {
      setConfirming(false);
      onChanged();
    }
  };

  if (reconnecting) return <SetupWizard initialStep="provider" title="Reconnect your directory" onCancel={() => setReconnecting(false)} />;
  return (
    <section className="connection-actions" aria-label="Connection">
      <div className="actions">
        <button type="button" onClick={() => setReconnecting(true)} disabled={confirming}>
          Reconnect
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={confirming}>
          Disconnect
        </button>
      </div>
      {confirming && (
        <ConfirmDisconnect name={name} busy={state.fetching} onConfirm={() => void confirm()} onCancel={() => setConfirming(false)} />
      )}
      {state.error && (
        <p role="alert" className="error">
          The directory could not be disconnected. {errorMessage(state.error)}
        </p>
      )}
    </section>
  );
}

function ConfirmDisconnect({ name, busy, onConfirm, onCancel }: { name: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="confirm-disconnect-title" aria-describedby="confirm-disconnect-body">
      <p id="confirm-disconnect-title">
        <strong>Disconnect {name}?</strong>
      </p>
      <div id="confirm-disconnect-body">
        <p>Syncing stops: neither the daily sync nor Sync now reads this directory any more.</p>
        <p>Nobody is inactivated. Everyone keeps their account and their details as last synced.</p>
        <p>You can reconnect the directory later; its history and settings are kept.</p>
      </div>
      <div className="actions">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? "Disconnecting…" : "Disconnect and stop syncing"}
        </button>
        <button type="button" ref={cancel} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
