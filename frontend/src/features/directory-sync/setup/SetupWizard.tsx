import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../../lib/errors";
import { DirectoryProvidersQuery, StartDirectorySetupMutation } from "../documents";
import { SetupLink, type PortalLink } from "./SetupLink";

type Step = "intro" | "provider" | "portal";

interface Props {
  /** Where the wizard starts; "provider" when a directory replaces another. */
  initialStep?: Step;
  /** The wizard's heading. */
  title?: string;
  /** Leaves the wizard from its first step (when it did not start at the intro). */
  onCancel?: () => void;
}

/** Not set up yet (or replacing a directory): Set up -> pick a provider -> the WorkOS Admin Portal link. */
export function SetupWizard({ initialStep = "intro", title = "Connect your directory", onCancel }: Props = {}) {
  const [step, setStep] = useState<Step>(initialStep);
  const [provider, setProvider] = useState<string>("");
  const [link, setLink] = useState<PortalLink | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: DirectoryProvidersQuery, pause: step === "intro" });
  const [start, startSetup] = useMutation(StartDirectorySetupMutation);
  const providers = data?.directorySync.providers ?? [];

  const cont = async () => {
    const res = await startSetup({ provider: provider === "" ? null : provider });
    if (res.data) {
      setLink(res.data.startDirectorySetup);
      setStep("portal");
    }
  };

  return (
    <section className="card setup" aria-labelledby="setup-title">
      <h2 id="setup-title">{title}</h2>
      {step === "intro" && (
        <>
          <p>
            Directory Sync keeps your people in OfficeTogether in step with your identity provider: new hires appear, changes
            follow, and leavers are inactivated. Your IT administrator connects the directory once through a secure WorkOS
            page.
          </p>
          <button type="button" className="primary" onClick={() => setStep("provider")}>
            Set up Directory Sync
          </button>
        </>
      )}
      {step === "provider" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void cont();
          }}
        >
          <fieldset className="providers">
            <legend>Which identity provider does your company use?</legend>
            {fetching && <p aria-live="polite">Loading providers…</p>}
            {error && <p role="alert" className="error">Cannot load providers. {errorMessage(error)}</p>}
            {providers.map((p) => (
              <label key={p.type} className="provider">
                <input type="radio" name="provider" value={p.type} checked={provider === p.type} onChange={() => setProvider(p.type)} />
                <span className="provider-name">{p.name}</span>
                <span className="muted">about {p.setupMinutes} min to set up</span>
              </label>
            ))}
            {providers.length > 0 && (
              <label className="provider">
                <input type="radio" name="provider" value="" checked={provider === ""} onChange={() => setProvider("")} />
                <span className="provider-name">Not sure</span>
                <span className="muted">choose in the Admin Portal</span>
              </label>
            )}
          </fieldset>
          {start.error && <p role="alert" className="error">Setup cannot start. {errorMessage(start.error)}</p>}
          <div className="actions">
            <button type="button" onClick={() => (initialStep === "intro" || !onCancel ? setStep("intro") : onCancel())}>
              Back
            </button>
            <button type="submit" className="primary" disabled={start.fetching || fetching}>
              {start.fetching ? "Preparing…" : "Continue"}
            </button>
          </div>
        </form>
      )}
      {step === "portal" && link && <SetupLink initial={link} onBack={() => setStep("provider")} />}
    </section>
  );
}
