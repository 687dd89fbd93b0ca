import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import "graphiql/style.css";
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES, initialHeaders } from "./defaults";

// The playground page (/playground): GraphiQL built into the binary, so it works offline.

const fetcher: GraphiQLProps["fetcher"] = async (params, opts) => {
  const res = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...((opts?.headers as Record<string, string>) ?? {}) },
    body: JSON.stringify(params),
  });
  return res.json();
};

const headers = initialHeaders();
const root = document.getElementById("playground");
if (!root) throw new Error("playground.html has no #playground");
createRoot(root).render(
  <StrictMode>
    <div style={{ height: "100vh" }}>
      <GraphiQL
        fetcher={fetcher}
        defaultTabs={[{ query: EXAMPLE_QUERY, variables: EXAMPLE_VARIABLES, headers }]}
        defaultHeaders={headers}
        shouldPersistHeaders={false}
      />
    </div>
  </StrictMode>,
);
