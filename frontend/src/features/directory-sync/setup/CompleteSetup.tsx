import { useEffect, useRef } from "react";
import { Link, useNavigate } from "react-router";
import { useMutation } from "urql";
import { errorMessage } from "../../../lib/errors";
import { CompleteDirectorySetupMutation } from "../documents";

/**
 * Back from the Admin Portal (?setup=complete): completes setup once, reloads
 * the overview (onConnected), then shows the directory.
 */
export function CompleteSetup({ onConnected }: { onConnected: () => Promise<unknown> }) {
  const [state, complete] = useMutation(CompleteDirectorySetupMutation);
  const navigate = useNavigate();
  const started = useRef(false);

  const run = async () => {
    const res = await complete({});
    if (res.data) {
      // Load the connected directory before leaving, so the wizard does not flash.
      await onConnected();
      void navigate("/settings/directory-sync", { replace: true, state: { connected: res.data.completeDirectorySetup.userCount } });
    }
  };
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run();
  }, []);

  return (
    <section className="card" aria-live="polite">
      <h2>Connecting your directory</h2>
      {!state.error && <p>Reading your directory from WorkOS…</p>}
      {state.error && (
        <div role="alert" className="error-box">
          <p>The directory could not be connected. {errorMessage(state.error)}</p>
          <div className="actions">
            <button type="button" onClick={() => void run()} disabled={state.fetching}>
              Try again
            </button>
            <Link to="/settings/directory-sync">Start over</Link>
          </div>
        </div>
      )}
    </section>
  );
}
