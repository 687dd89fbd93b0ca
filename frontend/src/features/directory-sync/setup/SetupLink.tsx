import { useState } from "react";
import { useMutation } from "urql";
import type { StartDirectorySetupMutation as StartResult } from "../../../gql/graphql";
import { errorMessage } from "../../../lib/errors";
import { StartDirectorySetupMutation } from "../documents";

/** An Admin Portal link as startDirectorySetup returns it. */
export type PortalLink = StartResult["startDirectorySetup"];

/** How long before its expiry a link counts as expired: the IT admin needs a moment to open it. */
export const EXPIRY_MARGIN_MS = 30_000;

/** Whether the link can still be handed on: before its expiry, less the margin. */
export function isFresh(link: PortalLink, now: number = Date.now()): boolean {
  return now < Date.parse(link.expiresAt) - EXPIRY_MARGIN_MS;
}

function timeOf(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: "short" }).format(new Date(iso));
}

/**
 * The Admin Portal step: open the portal, or copy the link for the IT admin. WorkOS links
 * work for five minutes after they were generated, so an expired link is regenerated
 * before it is opened or copied. WorkOS cannot preselect the provider: the text says
 * which one to choose in the portal.
 */
export function SetupLink({ initial, onBack }: { initial: PortalLink; onBack: () => void }) {
  const [link, setLink] = useState(initial);
  const [copied, setCopied] = useState<PortalLink | null>(null);
  const [copyFailed, setCopyFailed] = useState(false);
  const [start, startSetup] = useMutation(StartDirectorySetupMutation);

  // A link usable now: the current one while fresh, else a new one.
  const usable = async (): Promise<PortalLink | null> => {
    if (isFresh(link)) return link;
    const res = await startSetup({ provider: link.provider ?? null });
    if (!res.data) return null;
    setLink(res.data.startDirectorySetup);
    return res.data.startDirectorySetup;
  };

  const copy = async () => {
    setCopied(null);
    setCopyFailed(false);
    const l = await usable();
    if (!l) return;
    try {
      await navigator.clipboard.writeText(l.url);
      setCopied(l);
    } catch {
      setCopyFailed(true);
    }
  };

  const open = async () => {
    const l = await usable();
    if (l) window.location.assign(l.url);
  };

  return (
    <>
      <p>
        Continue in the WorkOS Admin Portal to connect the directory, or copy the setup link for your IT administrator. When
        the setup is finished there, OfficeTogether reads your directory (nobody is changed until you run a sync).
      </p>
      <p>
        {link.providerName ? (
          <>
            In the Admin Portal, choose <strong>{link.providerName}</strong> as the directory provider (WorkOS asks there; it
            cannot be chosen in advance).
          </>
        ) : (
          "The Admin Portal asks which directory provider your company uses."
        )}{" "}
        The link works until {timeOf(link.expiresAt)} (five minutes after it was made); a new one is made when you copy or
        open it later.
      </p>
      <div className="actions">
        <a
          className="button primary"
          href={link.url}
          onClick={(e) => {
            if (isFresh(link)) return;
            e.preventDefault();
            void open();
          }}
        >
          Open the Admin Portal
        </a>
        <button type="button" onClick={() => void copy()} disabled={start.fetching}>
          {start.fetching ? "Making a new link…" : "Copy setup link"}
        </button>
      </div>
      {copied && (
        <p role="status" className="success">
          Setup link copied. Send it to your IT administrator now: it works until {timeOf(copied.expiresAt)}.
        </p>
      )}
      {copyFailed && (
        <div role="alert" className="error">
          <p>The link could not be copied here. Select it and copy it yourself:</p>
          <input type="text" readOnly value={link.url} aria-label="Setup link" onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      {start.error && (
        <p role="alert" className="error">
          A new setup link could not be made. {errorMessage(start.error)}
        </p>
      )}
      <button type="button" className="link-button" onClick={onBack}>
        Choose another provider
      </button>
    </>
  );
}
