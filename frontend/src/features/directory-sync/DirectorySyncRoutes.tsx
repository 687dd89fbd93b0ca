import { NavLink, Route, Routes, useSearchParams } from "react-router";
import { useClient, useQuery } from "urql";
import { PageTitle } from "../../app/PageTitle";
import { SettingsNav } from "../../app/SettingsNav";
import { errorMessage, hasErrorCode } from "../../lib/errors";
import { useViewer } from "../auth/ViewerContext";
import { DirectorySyncOverviewQuery } from "./documents";
import { DirectoryUsersPanel } from "./users/DirectoryUsersPanel";
import { HistoryPanel } from "./runs/HistoryPanel";
import { RunPage } from "./runs/RunPage";
import { MappingEditor } from "./mapping/MappingEditor";
import { SchedulePanel } from "./schedule/SchedulePanel";
import { CompleteSetup } from "./setup/CompleteSetup";
import { NotificationSettings } from "../alerts/NotificationSettings";
import { SetupWizard } from "./setup/SetupWizard";
import { StatusPanel } from "./status/StatusPanel";
import { DisconnectedPanel } from "./status/DisconnectedPanel";

/** The message members see instead of Directory Sync. */
export function AdminOnly() {
  return (
    <div className="notice-box" role="alert">
      <p>
        <strong>Only company administrators can see and change Directory Sync.</strong>
      </p>
      <p>Ask a company administrator of your company if something in the directory needs to change.</p>
    </div>
  );
}

/** Settings > Directory Sync: setup, status, configuration, mapping, schedule and history. */
export function DirectorySyncRoutes() {
  const viewer = useViewer();
  return (
    <section className="settings">
      <PageTitle title="Directory Sync">Settings</PageTitle>
      <SettingsNav />
      {viewer.isCompanyAdmin ? <DirectorySync /> : <AdminOnly />}
    </section>
  );
}

function DirectorySync() {
  const [params] = useSearchParams();
  const client = useClient();
  const [{ data, error, fetching }, refetch] = useQuery({ query: DirectorySyncOverviewQuery, requestPolicy: "cache-and-network" });
  const reload = () => refetch({ requestPolicy: "network-only" });

  if (params.get("setup") === "complete") {
    return <CompleteSetup onConnected={() => client.query(DirectorySyncOverviewQuery, {}, { requestPolicy: "network-only" }).toPromise()} />;
  }
  if (hasErrorCode(error, "FORBIDDEN")) return <AdminOnly />;
  if (!data) {
    if (fetching || !error) return <p aria-live="polite">Loading Directory Sync…</p>;
    return (
      <div role="alert" className="error-box">
        <p>Directory Sync cannot be loaded. {errorMessage(error)}</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </div>
    );
  }
  const ds = data.directorySync;
  if (!ds.connection) return ds.disconnected ? <DisconnectedPanel disconnected={ds.disconnected} onChanged={reload} /> : <SetupWizard />;
  return (
    <>
      <h2>Directory Sync</h2>
      <nav aria-label="Directory Sync" className="subtabs">
        <NavLink to="/settings/directory-sync" end>
          Status
        </NavLink>
        <NavLink to="/settings/directory-sync/users">Directory users</NavLink>
        <NavLink to="/settings/directory-sync/mapping">Field mapping</NavLink>
        <NavLink to="/settings/directory-sync/schedule">Schedule &amp; safety</NavLink>
        <NavLink to="/settings/directory-sync/history">Sync history</NavLink>
        <NavLink to="/settings/directory-sync/notifications">Notifications</NavLink>
      </nav>
      <Routes>
        <Route index element={<StatusPanel connection={ds.connection} configuration={ds.configuration} lastRun={ds.lastRun} onChanged={reload} />} />
        <Route path="users" element={<DirectoryUsersPanel />} />
        <Route path="mapping" element={<MappingEditor />} />
        <Route path="schedule" element={<SchedulePanel />} />
        <Route path="history" element={<HistoryPanel onChanged={reload} />} />
        <Route path="notifications" element={<NotificationSettings />} />
        <Route path="history/:runId" element={<RunPage />} />
        <Route path="*" element={<p>There is no such Directory Sync page.</p>} />
      </Routes>
    </>
  );
}
