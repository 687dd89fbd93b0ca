import { useState } from "react";
import { useClient, useQuery } from "urql";
import type { SyncRunGroupIssuesQuery } from "../../../gql/graphql";
import { errorMessage } from "../../../lib/errors";
import { OfficeFix } from "../../offices/OfficeFix";
import { SyncRunGroupIssuesQuery as GroupIssuesQuery, SyncRunIssueGroupsQuery } from "../documents";
import { issueKindLabel } from "./runFormat";

type GroupIssue = NonNullable<SyncRunGroupIssuesQuery["directorySync"]["run"]>["groupIssues"]["edges"][number]["node"];

/**
 * A run's issues grouped by kind and value with counts ("Sydney · unmatched office · 412
 * people"); each group's records load on demand. Unmatched offices can be fixed in place;
 * onOfficeFixed, when given, hears of each fix (e.g. to run the dry run again).
 */
export function RunIssues({ runId, issueCount, open = false, onOfficeFixed }: { runId: string; issueCount: number; open?: boolean; onOfficeFixed?: (message: string) => void }) {
  const [shown, setShown] = useState(open);
  const [note, setNote] = useState("");
  const [{ data, error, fetching }] = useQuery({ query: SyncRunIssueGroupsQuery, variables: { id: runId }, pause: !shown || issueCount === 0 });
  if (issueCount === 0) return null;
  const fixed = (message: string) => {
    setNote(message);
    onOfficeFixed?.(message);
  };
  const groups = data?.directorySync.run?.issueGroups ?? [];
  return (
    <details className="issues" open={shown} onToggle={(e) => setShown((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        {issueCount.toLocaleString()} {issueCount === 1 ? "issue" : "issues"}
      </summary>
      {fetching && !data && <p aria-live="polite">Loading issues…</p>}
      {error && <p role="alert" className="error">The issues cannot be loaded. {errorMessage(error)}</p>}
      {note && (
        <p role="status" className="success">
          {note} The next sync (or a dry run) uses it.
        </p>
      )}
      <ul className="issue-groups">
        {groups.map((g) => (
          <li key={g.key}>
            <p className="issue-group-title">
              {g.value && <strong>{g.value} · </strong>}
              {issueKindLabel(g.kind)} · {g.count.toLocaleString()} {g.count === 1 ? "person" : "people"}
            </p>
            <p className="muted small">{g.message}</p>
            {g.kind === "unmatched_office" && g.value && <OfficeFix value={g.value} onFixed={fixed} />}
            <GroupRecords runId={runId} group={g.key} count={g.count} />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The records of one issue group, 50 at a time, loaded when asked for. */
function GroupRecords({ runId, group, count }: { runId: string; group: string; count: number }) {
  const client = useClient();
  const [items, setItems] = useState<GroupIssue[] | null>(null);
  const [after, setAfter] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setLoading(true);
    setError(null);
    const res = await client.query(GroupIssuesQuery, { id: runId, group, after }, { requestPolicy: "network-only" }).toPromise();
    setLoading(false);
    const page = res.data?.directorySync.run?.groupIssues;
    if (res.error || !page) {
      setError(errorMessage(res.error));
      return;
    }
    setItems((prev) => [...(prev ?? []), ...page.edges.map((e) => e.node)]);
    setAfter(page.pageInfo.endCursor ?? null);
    setMore(page.pageInfo.hasNextPage);
  }

  if (items === null) {
    return (
      <button type="button" className="link-button" onClick={load} disabled={loading}>
        {loading ? "Loading…" : `Show the ${count === 1 ? "record" : `${count.toLocaleString()} records`}`}
      </button>
    );
  }
  return (
    <>
      <ul className="issue-records">
        {items.map((i, n) => (
          <li key={`${i.directoryUserId ?? ""}-${n}`}>{i.email ?? i.directoryUserId ?? i.message}</li>
        ))}
      </ul>
      {error && <p role="alert" className="error">{error}</p>}
      {more && (
        <button type="button" className="link-button" onClick={load} disabled={loading}>
          {loading ? "Loading…" : "Show more"}
        </button>
      )}
    </>
  );
}
