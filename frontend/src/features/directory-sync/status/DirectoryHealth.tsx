import { useState } from "react";
import { useMutation } from "urql";
import type { DirectorySyncOverviewQuery } from "../../../gql/graphql";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { directoryStateLabel } from "../../../lib/labels";
import { CompleteDirectorySetupMutation } from "../documents";
import { SetupWizard } from "../setup/SetupWizard";

type Connection = NonNullable<DirectorySyncOverviewQuery["directorySync"]["connection"]>;

/** What happened to the directory, as the admin reads it first. */
export function healthHeadline(c: Pick<Connection, "state" | "stateLabel">): string {
  switch (c.state) {
    case "deleted":
      return "Your directory was deleted in WorkOS";
    case "invalid_credentials":
      return "WorkOS cannot read your directory: its credentials are invalid";
    case "validating":
      return "WorkOS is still validating your directory";
    case "unlinked":
      return "Your directory is inactive in WorkOS";
    case "deleting":
      return "Your directory is being deleted in WorkOS";
    default:
      return `Your directory is ${c.stateLabel.toLowerCase()} in WorkOS`;
  }
}

/**
 * A directory that is not linked: what happened in words, that nothing changed, and how
 * to connect a new one (the Admin Portal) or another active directory of the
 * organization. Other active directories are listed even while the directory is linked.
 */
export function DirectoryHealth({ connection, onChanged }: { connection: Connection; onChanged: () => void }) {
  const [replacing, setReplacing] = useState(false);
  const [connecting, complete] = useMutation(CompleteDirectorySetupMutation);
  const others = connection.otherDirectories;
  if (connection.healthy && others.length === 0) return null;

  const connectOther = async (id: string) => {
    const res = await complete({ directoryId: id });
    if (res.data) onChanged();
  };

  return (
    <>
      {!connection.healthy && (
        <section className="notice-box directory-health" aria-labelledby="directory-health-title">
          <h3 id="directory-health-title">{healthHeadline(connection)}</h3>
          <p>{connection.stateExplanation}</p>
          <p>
            <strong>Nothing was changed in OfficeTogether.</strong> Everyone keeps their account and details; syncing
            resumes once a linked directory is connected.
          </p>
          {connection.stateChangedAt && <p className="muted">Since {formatDateTime(connection.stateChangedAt)}.</p>}
          {connection.state !== "validating" && !replacing && (
            <div className="actions">
              <button type="button" className="primary" onClick={() => setReplacing(true)}>
                Connect a new directory
              </button>
            </div>
          )}
        </section>
      )}
      {replacing && (
        <SetupWizard initialStep="provider" title="Connect a new directory" onCancel={() => setReplacing(false)} />
      )}
      {others.length > 0 && (
        <section className="other-directories" aria-labelledby="other-directories-title">
          <h3 id="other-directories-title">Other directories of your organization</h3>
          <p>
            {connection.healthy
              ? "These directories are active in WorkOS but are not synced: only the connected directory is."
              : "These directories are active in WorkOS. Connect one to sync from it (its people are read first; nobody changes until a sync runs)."}
          </p>
          <ul>
            {others.map((o) => (
              <li key={o.id}>
                <strong>{o.name}</strong> ({o.providerName}, {directoryStateLabel(o.state)}){" "}
                {!connection.healthy && (
                  <button type="button" onClick={() => void connectOther(o.id)} disabled={connecting.fetching}>
                    Connect {o.name}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {connecting.error && (
            <p role="alert" className="error">
              The directory could not be connected. {errorMessage(connecting.error)}
            </p>
          )}
        </section>
      )}
    </>
  );
}
