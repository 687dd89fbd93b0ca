import { useCallback, useId, useRef, useState } from "react";
import { useClient } from "urql";
import { errorMessage } from "../../../lib/errors";
import { useDebouncedValue } from "../../../lib/useDebouncedValue";
import { useKeysetPages, type KeysetPage } from "../../../lib/useKeysetPages";
import { GroupPickerQuery } from "../documents";
import type { GroupRef } from "./mappingDraft";

/** "12 members". */
export function memberText(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? "member" : "members"}`;
}

interface Props {
  /** The rule the groups are for; names the picker. */
  label: string;
  /** What an empty choice means. */
  emptyText: string;
  chosen: readonly GroupRef[];
  onChange: (groups: GroupRef[]) => void;
}

/** Chooses directory groups: the chosen ones as removable chips, and a search over the directory's groups. */
export function GroupPicker({ label, emptyText, chosen, onChange }: Props) {
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const remove = (g: GroupRef) => onChange(chosen.filter((c) => c.id !== g.id));
  const toggle = (g: GroupRef) => (chosen.some((c) => c.id === g.id) ? remove(g) : onChange([...chosen, g]));
  return (
    <fieldset className="group-picker">
      <legend>{label}</legend>
      {chosen.length > 0 ? (
        <ul className="chips" aria-label={`Chosen groups: ${label}`}>
          {chosen.map((g) => (
            <li key={g.id} className="chip">
              <span>
                <span className="group-name">{g.name}</span> <span className="muted small">({memberText(g.memberCount)})</span>
              </span>
              <button type="button" className="chip-remove" aria-label={`Remove ${g.name}`} onClick={() => remove(g)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{emptyText}</p>
      )}
      <div className="group-search">
        <label htmlFor={`${id}-q`}>Search groups</label>
        <input
          ref={input}
          id={`${id}-q`}
          type="search"
          value={text}
          autoComplete="off"
          aria-controls={open ? `${id}-results` : undefined}
          aria-describedby={`${id}-hint`}
          onClick={() => setOpen(true)}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            // Enter would submit the mapping form; Enter and ArrowDown list the groups, Escape closes the list.
            if (e.key === "Enter") e.preventDefault();
            if (e.key === "Enter" || e.key === "ArrowDown") setOpen(true);
            if (e.key === "Escape") setOpen(false);
          }}
        />
        <span id={`${id}-hint`} className="muted small">
          Type part of a name, or press Enter to list all groups.
        </span>
      </div>
      {open && (
        <GroupResults
          id={`${id}-results`}
          text={text}
          chosen={chosen}
          onToggle={toggle}
          onClose={() => {
            setOpen(false);
            setText("");
            input.current?.focus();
          }}
        />
      )}
    </fieldset>
  );
}

/** The groups matching the search, page after page, each with a checkbox. */
function GroupResults({ id, text, chosen, onToggle, onClose }: { id: string; text: string; chosen: readonly GroupRef[]; onToggle: (g: GroupRef) => void; onClose: () => void }) {
  const client = useClient();
  const query = useDebouncedValue(text.trim(), 250);
  const fetchPage = useCallback(
    async (after: string | null): Promise<KeysetPage<GroupRef, number>> => {
      const res = await client.query(GroupPickerQuery, { query: query === "" ? null : query, after }, { requestPolicy: "network-only" }).toPromise();
      if (res.error || !res.data) throw res.error ?? new Error("no data");
      const c = res.data.directorySync.groups;
      return { nodes: c.edges.map((e) => e.node), endCursor: c.pageInfo.endCursor, hasNextPage: c.pageInfo.hasNextPage, meta: c.totalCount };
    },
    [client, query],
  );
  const list = useKeysetPages(query, fetchPage);
  const chosenIds = new Set(chosen.map((g) => g.id));
  const total = list.meta ?? 0;
  return (
    <div id={id} className="group-results">
      <p className="muted small" aria-live="polite">
        {list.loading
          ? "Searching groups…"
          : list.error
            ? ""
            : total === 0
              ? query === "" ? "The directory has no groups yet." : `No group name contains “${query}”.`
              : `${total.toLocaleString()} ${total === 1 ? "group" : "groups"}${query === "" ? "" : ` contain “${query}”`}`}
      </p>
      {list.error && <p role="alert" className="error">The groups cannot be loaded. {errorMessage(list.error)}</p>}
      {list.nodes.length > 0 && (
        <ul className="group-options" aria-label="Matching groups">
          {list.nodes.map((g) => (
            <li key={g.id}>
              <label className="check">
                <input type="checkbox" checked={chosenIds.has(g.id)} onChange={() => onToggle(g)} />
                <span>
                  <span className="group-name">{g.name}</span> <span className="muted small">({memberText(g.memberCount)})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="actions compact">
        {list.hasNextPage && (
          <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? "Loading…" : "Show more"}
          </button>
        )}
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
