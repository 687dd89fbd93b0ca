import { useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { useClient, useMutation } from "urql";
import type { DirectorySyncOverviewQuery } from "../../../gql/graphql";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { PendingDeactivationsQuery, RunDirectorySyncMutation } from "../documents";
import { RunProgress } from "../runs/RunProgress";
import { isFinished, statusLabel, triggerLabel, type Run } from "../runs/runFormat";
import { DirectoryHealth } from "./DirectoryHealth";
import { ConfirmDeactivations } from "./ConfirmDeactivations";
import { ConnectionActions } from "./ConnectionActions";

type Overview = DirectorySyncOverviewQuery["directorySync"];

interface Props {
  connection: NonNullable<Overview["connection"]>;
  configuration: Overview["configuration"];
  lastRun: Overview["lastRun"];
  onChanged: () => void;
}

/** The connected directory: provider, state, users, last and next run, Sync now. */
export function StatusPanel({ connection, configuration, lastRun, onChanged }: Props) {
  const location = useLocation();
  const justConnected = typeof (location.state as { connected?: unknown } | null)?.connected === "number";
  const client = useClient();
  // The run this page follows until it ends: the one Sync now started, else an active last run.
  const [active, setActive] = useState<Run | null>(lastRun && !isFinished(lastRun.status) ? lastRun : null);
  const [run, startRun] = useMutation(RunDirectorySyncMutation);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ count: number; sample: string[] } | null>(null);
  const running = active !== null && !isFinished(active.status);
  const activeId = active?.id;
  useEffect(() => {
    // Follow a newer active run; the overview may still show the run just followed as running.
    if (lastRun && !isFinished(lastRun.status) && !running && lastRun.id !== activeId) setActive(lastRun);
  }, [lastRun, running, activeId]);

  const start = async () => {
    setConfirm(null);
    const res = await startRun({ dryRun: false });
    if (res.data) setActive(res.data.runDirectorySync);
  };
  const syncNow = async () => {
    setChecking(true);
    setCheckError(null);
    const res = await client.query(PendingDeactivationsQuery, {}, { requestPolicy: "network-only" }).toPromise();
    setChecking(false);
    const pending = res.data?.directorySync.pendingDeactivations;
    if (!pending) {
      setCheckError(res.error ? errorMessage(res.error) : "no answer");
      return;
    }
    if (pending.count > 0) setConfirm(pending);
    else await start();
  };
  const finished = useCallback(
    (r: Run) => {
      setActive(r);
      onChanged();
    },
    [onChanged],
  );

  return (
    <div className="status-panel">
      {justConnected && (
        <p className="success" role="status">
          Your directory is connected. Review the field mapping and who is assigned, then run a sync.
        </p>
      )}
      <DirectoryHealth connection={connection} onChanged={onChanged} />
      {connection.requestedProviderName && (
        <p className="notice-box" role="note">
          You chose {connection.requestedProviderName} when you started the setup, but the directory connected in the Admin Portal
          is {connection.providerName}. If that is not right, ask your IT administrator to set up {connection.requestedProviderName}{" "}
          in the Admin Portal, then use Reconnect.
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>Provider</dt>
          <dd>{connection.providerName}</dd>
        </div>
        <div>
          <dt>Directory</dt>
          <dd>{connection.name}</dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            <span className={`badge ${connection.healthy ? "ok" : "warn"}`}>{connection.stateLabel}</span>
            {connection.quarantined && <span className="badge bad">quarantined</span>}
          </dd>
        </div>
        <div>
          <dt>Directory users</dt>
          <dd>{connection.userCount.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Last run</dt>
          <dd>
            {lastRun ? (
              <>
                {statusLabel(lastRun.status)} · {triggerLabel(lastRun.trigger)} · {formatDateTime(lastRun.finishedAt ?? lastRun.queuedAt)}
              </>
            ) : (
              "Never"
            )}
          </dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd>
            {configuration.enabled && configuration.nextRunAt
              ? formatDateTime(configuration.nextRunAt)
              : configuration.enabled
                ? `Daily at ${configuration.dailyAt} (${configuration.timeZone})`
                : "Daily sync is off"}
          </dd>
        </div>
      </dl>
      {connection.lastError && (
        <p className="error" role="alert">
          Last error: {connection.lastError}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => void syncNow()}
          disabled={running || run.fetching || checking || confirm !== null || !connection.healthy}
        >
          {running ? (active?.status === "WAITING" ? "Queued…" : "Syncing…") : "Sync now"}
        </button>
        <Link to="/settings/directory-sync/mapping">Edit field mapping</Link>
      </div>
      {confirm && <ConfirmDeactivations count={confirm.count} sample={confirm.sample} onConfirm={() => void start()} onCancel={() => setConfirm(null)} />}
      {checkError && (
        <p role="alert" className="error">
          Could not check whom the sync would inactivate. {checkError}
        </p>
      )}
      {run.error && (
        <p role="alert" className="error">
          The sync could not start. {errorMessage(run.error)}
        </p>
      )}
      {active && <RunProgress runId={active.id} initial={active} onFinished={finished} />}
      <ConnectionActions name={connection.name} onChanged={onChanged} />
    </div>
  );
}
