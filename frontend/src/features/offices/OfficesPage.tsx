import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { PageTitle } from "../../app/PageTitle";
import { SettingsNav } from "../../app/SettingsNav";
import { errorMessage } from "../../lib/errors";
import { useViewer } from "../auth/ViewerContext";
import { AdminOnly } from "../directory-sync/DirectorySyncRoutes";
import { CreateOfficeMutation, OfficesQuery } from "./documents";
import { parseAliases } from "./aliases";
import { OfficeRow } from "./OfficeRow";

/** Settings > Offices: create, rename, set the directory values (aliases) of, and delete offices. */
export function OfficesPage() {
  const viewer = useViewer();
  return (
    <section className="settings">
      <PageTitle title="Offices">Settings</PageTitle>
      <SettingsNav />
      {viewer.isCompanyAdmin ? <Offices /> : <AdminOnly />}
    </section>
  );
}

function Offices() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: OfficesQuery, requestPolicy: "cache-and-network" });
  const [status, setStatus] = useState("");
  const reload = (message: string) => {
    setStatus(message);
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <>
      <h2>Offices</h2>
      <p>
        Directory sync puts people in an office when their directory value matches its name or one of its aliases (case does not
        matter).
      </p>
      <NewOffice onCreated={reload} />
      <p role="status" className="status-text">
        {status}
      </p>
      {!data && fetching && <p aria-live="polite">Loading offices…</p>}
      {error && !data && <p role="alert">Offices cannot be loaded. {errorMessage(error)}</p>}
      {data && data.offices.length === 0 && <p>No offices yet.</p>}
      {data && data.offices.length > 0 && (
        <ul className="office-list" aria-label="Offices">
          {data.offices.map((o) => (
            <OfficeRow key={o.id} office={o} onChanged={reload} />
          ))}
        </ul>
      )}
    </>
  );
}

function NewOffice({ onCreated }: { onCreated: (message: string) => void }) {
  const [name, setName] = useState("");
  const [aliases, setAliases] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, create] = useMutation(CreateOfficeMutation);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await create({ input: { name: name.trim(), aliases: parseAliases(aliases) } });
    if (res.error) {
      setError(errorMessage(res.error));
      return;
    }
    setName("");
    setAliases("");
    onCreated(`Created ${res.data?.createOffice.name ?? name.trim()}.`);
  }
  return (
    <form className="new-office" onSubmit={submit} aria-label="New office">
      <label htmlFor="new-office-name">New office name</label>
      <input id="new-office-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
      <label htmlFor="new-office-aliases">Directory values (aliases, comma-separated)</label>
      <input id="new-office-aliases" value={aliases} onChange={(e) => setAliases(e.target.value)} />
      <button type="submit" disabled={fetching || name.trim() === ""}>
        {fetching ? "Creating…" : "Create office"}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </form>
  );
}
