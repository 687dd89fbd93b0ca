import { createContext, useContext, type ReactNode } from "react";
import { useQuery } from "urql";
import type { ViewerQuery as ViewerData } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { ViewerQuery } from "./viewer";

/** The signed-in user as the app sees them. */
export type Viewer = ViewerData["viewer"];

const ViewerContext = createContext<Viewer | null>(null);

/** Loads the viewer once per session and gates the app on it. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ViewerQuery, requestPolicy: "cache-first" });
  if (data?.viewer) return <ViewerContext.Provider value={data.viewer}>{children}</ViewerContext.Provider>;
  if (fetching || (!error && !data)) {
    return (
      <p className="boot" aria-live="polite">
        Loading OfficeTogether…
      </p>
    );
  }
  return (
    <main className="boot">
      <h1>OfficeTogether is not available</h1>
      <p role="alert">{errorMessage(error)}</p>
      <button type="button" onClick={() => refetch({ requestPolicy: "network-only" })}>
        Try again
      </button>
    </main>
  );
}

/** The signed-in user; only inside ViewerProvider. */
export function useViewer(): Viewer {
  const v = useContext(ViewerContext);
  if (!v) throw new Error("useViewer outside ViewerProvider");
  return v;
}
