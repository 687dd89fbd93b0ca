import { useQuery } from "urql";
import { DirectoryGroupsQuery } from "../documents";

interface Props {
  value: string;
  onChange: (groupId: string) => void;
}

/** The directory users list's group filter: every group with its member count. */
export function GroupFilter({ value, onChange }: Props) {
  const [res] = useQuery({ query: DirectoryGroupsQuery, variables: { filter: null } });
  const groups = res.data?.directorySync.groups.edges.map((e) => e.node) ?? [];
  return (
    <label>
      Group
      <select value={value} onChange={(e) => onChange(e.target.value)} disabled={res.fetching && groups.length === 0}>
        <option value="">All groups</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {`${g.name} (${g.memberCount.toLocaleString()})`}
          </option>
        ))}
      </select>
    </label>
  );
}
