import { useEffect } from "react";
import { Link, useLocation } from "react-router";
import { useQuery } from "urql";
import { useViewer } from "../auth/ViewerContext";
import { AttentionQuery } from "./documents";

/** How often the banner looks again while the page stays open. */
const REFRESH_MS = 60_000;

/** The banner admins see on every page while directory sync waits for them; nothing for members. */
export function AttentionBanner() {
  const viewer = useViewer();
  return viewer.isCompanyAdmin ? <AdminAttention /> : null;
}

function AdminAttention() {
  const location = useLocation();
  const [{ data }, refetch] = useQuery({ query: AttentionQuery, requestPolicy: "cache-and-network" });
  useEffect(() => {
    refetch({ requestPolicy: "network-only" });
    const id = setInterval(() => refetch({ requestPolicy: "network-only" }), REFRESH_MS);
    return () => clearInterval(id);
  }, [location.pathname, location.search, refetch]);

  const items = data?.directorySync.attention ?? [];
  if (items.length === 0) return null;
  return (
    <section className="attention-banner" role="region" aria-label="Directory sync needs you">
      <ul>
        {items.map((it) => (
          <li key={`${it.kind}-${it.runId ?? ""}`}>
            <span>{it.message}</span> <Link to={it.path}>{it.actionLabel}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
