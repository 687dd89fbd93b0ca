import { useState } from "react";
import { useMutation } from "urql";
import type { DirectorySyncOverviewQuery } from "../../../gql/graphql";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { CompleteDirectorySetupMutation } from "../documents";
import { SetupWizard } from "../setup/SetupWizard";

type Disconnected = NonNullable<DirectorySyncOverviewQuery["directorySync"]["disconnected"]>;

/** After a disconnect: says so, and offers to reconnect that directory or connect another. */
export function DisconnectedPanel({ disconnected, onChanged }: { disconnected: Disconnected; onChanged: () => void }) {
  const [connecting, setConnecting] = useState(false);
  const [state, complete] = useMutation(CompleteDirectorySetupMutation);

  const reconnect = async () => {
    const res = await complete({ directoryId: disconnected.directoryId });
    if (res.data) onChanged();
  };

  if (connecting) return <SetupWizard initialStep="provider" title="Connect a directory" onCancel={() => setConnecting(false)} />;
  return (
    <section className="card" aria-labelledby="disconnected-title">
      <h2 id="disconnected-title">Directory Sync is disconnected</h2>
      <p>
        <strong>{disconnected.name}</strong> ({disconnected.providerName}) was disconnected on{" "}
        {formatDateTime(disconnected.disconnectedAt)}. Nothing is synced: nobody was inactivated and everyone kept their account
        and details.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void reconnect()} disabled={state.fetching}>
          {state.fetching ? "Reconnecting…" : `Reconnect ${disconnected.name}`}
        </button>
        <button type="button" onClick={() => setConnecting(true)} disabled={state.fetching}>
          Connect a directory
        </button>
      </div>
      {state.error && (
        <p role="alert" className="error">
          {disconnected.name} could not be reconnected. {errorMessage(state.error)} You can connect a directory through the Admin
          Portal instead.
        </p>
      )}
    </section>
  );
}
