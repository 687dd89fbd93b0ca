import { useCallback, useEffect, useState } from "react";
import { useClient, useMutation } from "urql";
import type { DirectoryUsersQuery as DirectoryUsersData } from "../../../gql/graphql";
import { errorMessage } from "../../../lib/errors";
import { useDebouncedValue } from "../../../lib/useDebouncedValue";
import { useKeysetPages, type KeysetPage } from "../../../lib/useKeysetPages";
import { DirectoryUsersQuery, SetDirectoryUserAssignmentMutation } from "../documents";
import { DirectoryUserRow } from "./DirectoryUserRow";
import { GroupFilter } from "./GroupFilter";
import { allState, keepVisible, toggleAll, toggleOne, type Selection } from "./selection";

/** A directory user row. */
export type DirectoryUser = DirectoryUsersData["directorySync"]["directoryUsers"]["edges"][number]["node"];

type AssignedFilter = "all" | "assigned" | "unassigned";

/** "Directory users": who syncs, with the mapped preview per user. */
export function DirectoryUsersPanel() {
  const client = useClient();
  const [text, setText] = useState("");
  const query = useDebouncedValue(text.trim(), 250);
  const [assigned, setAssigned] = useState<AssignedFilter>("all");
  const [state, setState] = useState("");
  const [groupId, setGroupId] = useState("");
  const [selected, setSelected] = useState<Selection>(new Set());
  const [assignment, assign] = useMutation(SetDirectoryUserAssignmentMutation);
  const [message, setMessage] = useState("");

  const fetchPage = useCallback(
    async (after: string | null): Promise<KeysetPage<DirectoryUser, number>> => {
      const filter = {
        query: query === "" ? null : query,
        assigned: assigned === "all" ? null : assigned === "assigned",
        state: state === "" ? null : state,
        groupId: groupId === "" ? null : groupId,
      };
      const res = await client.query(DirectoryUsersQuery, { filter, first: 50, after }, { requestPolicy: "network-only" }).toPromise();
      if (res.error || !res.data) throw res.error ?? new Error("no data");
      const c = res.data.directorySync.directoryUsers;
      return { nodes: c.edges.map((e) => e.node), endCursor: c.pageInfo.endCursor, hasNextPage: c.pageInfo.hasNextPage, meta: c.totalCount };
    },
    [client, query, assigned, state, groupId],
  );
  const list = useKeysetPages(JSON.stringify([query, assigned, state, groupId]), fetchPage);
  const ids = list.nodes.map((n) => n.id);
  const idKey = ids.join(",");
  useEffect(() => setSelected((s) => keepVisible(s, idKey === "" ? [] : idKey.split(","))), [idKey]);

  const setAssignment = async (targets: string[], value: boolean) => {
    setMessage("");
    // Optimistic: the switches move at once and move back if the server refuses.
    const before = new Map(list.nodes.filter((n) => targets.includes(n.id)).map((n) => [n.id, n.assigned]));
    list.update((nodes) => nodes.map((n) => (before.has(n.id) ? { ...n, assigned: value } : n)));
    const res = await assign({ ids: targets, assigned: value });
    if (!res.data) {
      list.update((nodes) => nodes.map((n) => (before.has(n.id) ? { ...n, assigned: before.get(n.id) ?? n.assigned } : n)));
      return;
    }
    const changed = new Map(res.data.setDirectoryUserAssignment.map((u) => [u.id, u]));
    list.update((nodes) => nodes.map((n) => {
      const c = changed.get(n.id);
      return c ? { ...n, assigned: c.assigned, preview: c.preview } : n;
    }));
    setSelected(new Set());
    setMessage(`${targets.length} ${targets.length === 1 ? "user" : "users"} ${value ? "assigned" : "un-assigned"}. Changes apply at the next sync.`);
  };

  const all = allState(selected, ids);
  const selIds = ids.filter((id) => selected.has(id));

  return (
    <section aria-labelledby="dsu-title">
      <h3 id="dsu-title">Directory users</h3>
      <p className="muted">Assigned users are synced into OfficeTogether; un-assigned users are inactivated by the next sync.</p>
      <div className="toolbar" role="search">
        <label>
          Search
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name or email" />
        </label>
        <label>
          Assignment
          <select value={assigned} onChange={(e) => setAssigned(e.target.value as AssignedFilter)}>
            <option value="all">All</option>
            <option value="assigned">Assigned</option>
            <option value="unassigned">Un-assigned</option>
          </select>
        </label>
        <label>
          Directory state
          <select value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">All</option>
            <option value="active">Active</option>
            <option value="inactive">Inactive</option>
          </select>
        </label>
        <GroupFilter value={groupId} onChange={setGroupId} />
      </div>
      <div className="toolbar bulk" aria-label="Bulk actions" role="group">
        <span aria-live="polite">{selIds.length > 0 ? `${selIds.length} selected` : `${(list.meta ?? 0).toLocaleString()} directory users`}</span>
        <button type="button" disabled={selIds.length === 0 || assignment.fetching} onClick={() => void setAssignment(selIds, true)}>
          Assign selected
        </button>
        <button type="button" disabled={selIds.length === 0 || assignment.fetching} onClick={() => void setAssignment(selIds, false)}>
          Un-assign selected
        </button>
      </div>
      {message && <p role="status" className="success">{message}</p>}
      {assignment.error && <p role="alert" className="error">Could not change the assignment. {errorMessage(assignment.error)}</p>}
      {list.error && (
        <div role="alert" className="error-box">
          <p>Directory users cannot be loaded. {errorMessage(list.error)}</p>
          <button type="button" onClick={list.reload}>Try again</button>
        </div>
      )}
      {!list.loading && !list.error && list.nodes.length === 0 && <p className="empty">No directory users match.</p>}
      {list.nodes.length > 0 && (
        <div className="table-wrap">
          <table className="data-table cards-narrow" aria-busy={list.loading}>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all shown users"
                    checked={all === "all"}
                    ref={(el) => {
                      if (el) el.indeterminate = all === "some";
                    }}
                    onChange={() => setSelected(toggleAll(selected, ids))}
                  />
                </th>
                <th scope="col">Directory user</th>
                <th scope="col">State</th>
                <th scope="col">Groups</th>
                <th scope="col">Assigned</th>
                <th scope="col">Mapped to</th>
                <th scope="col">OfficeTogether user</th>
              </tr>
            </thead>
            <tbody>
              {list.nodes.map((u) => (
                <DirectoryUserRow
                  key={u.id}
                  user={u}
                  selected={selected.has(u.id)}
                  onSelect={() => setSelected(toggleOne(selected, u.id))}
                  onAssign={(v) => void setAssignment([u.id], v)}
                  busy={assignment.fetching}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && !list.loading && (
        <button type="button" className="load-more" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}
