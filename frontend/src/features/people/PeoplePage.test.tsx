// @vitest-environment jsdom
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from "react-router";
import { Provider } from "urql";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserFilter } from "../../gql/graphql";
import { createClient } from "../../lib/client";
import { PeoplePage } from "./PeoplePage";

interface Vars {
  filter: UserFilter;
  after: string | null;
  withFacets: boolean;
}

const facet = (value: string, count: number) => ({ __typename: "FacetCount", value, label: value, count });

const tagValue = (field: string, label: string, value: string) => ({ __typename: "TagValue", field, label, value });

function person(id: string, name: string, department: string, cost: string) {
  return {
    __typename: "UserEdge",
    cursor: `c-${id}`,
    node: {
      __typename: "User", id, name, email: `${id}@acme.example`, jobTitle: null, department, division: null, office: null,
      tags: [cost], tagValues: [tagValue("cost", "Cost center", cost)],
    },
  };
}

/** A fake /graphql answering Power Search from a fixed list; records the variables. */
function fakeServer(opts: { fail?: boolean } = {}) {
  const calls: Vars[] = [];
  const people = [person("u1", "Ada Lovelace", "Eng", "100"), person("u2", "Anna Smith", "Sales", "200"), person("u3", "Max Member", "Eng", "100")];
  vi.stubGlobal(
    "fetch",
    vi.fn((_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { variables: Vars };
      const v = body.variables;
      calls.push(v);
      if (opts.fail) {
        return Promise.resolve(Response.json({ data: null, errors: [{ message: "boom", extensions: { code: "INTERNAL" } }] }));
      }
      const q = (v.filter.query ?? "").toLowerCase();
      const depts = v.filter.departments ?? [];
      const costs = v.filter.tagFields?.find((f) => f.field === "cost")?.values ?? [];
      const edges = people.filter(
        (p) =>
          p.node.name.toLowerCase().includes(q) &&
          (depts.length === 0 || depts.includes(p.node.department)) &&
          (costs.length === 0 || costs.includes(p.node.tags[0] ?? "")),
      );
      return Promise.resolve(
        Response.json({
          data: {
            users: {
              __typename: "UserConnection",
              totalCount: edges.length,
              pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
              edges,
              facets: v.withFacets
                ? {
                    __typename: "UserFacets", departments: [facet("Eng", 2), facet("Sales", 1)], divisions: [], offices: [],
                    tags: [facet("100", 2), facet("200", 1)],
                    tagFields: [
                      { __typename: "TagFieldFacet", field: "cost", label: "Cost center", values: [facet("100", 2), facet("200", 1)] },
                      { __typename: "TagFieldFacet", field: "type", label: "Employment type", values: [] },
                    ],
                  }
                : undefined,
            },
          },
        }),
      );
    }),
  );
  return calls;
}

let location = "";
let navigate: ((delta: number) => void) | null = null;
function Spy() {
  const loc = useLocation();
  const nav = useNavigate();
  location = loc.search;
  navigate = (d) => void nav(d);
  return null;
}

function renderAt(url: string) {
  const client = createClient({ token: "t", onUnauthenticated: () => undefined, url: "http://test/graphql" });
  return render(
    <Provider value={client}>
      <MemoryRouter initialEntries={[url]}>
        <Spy />
        <Routes>
          <Route path="/people" element={<PeoplePage />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

describe("PeoplePage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads filters from the URL, writes facet clicks to it, and goes back", async () => {
    const calls = fakeServer();
    const user = userEvent.setup();
    renderAt("/people?department=Eng");
    await screen.findByText("Ada Lovelace");
    expect(screen.queryByText("Anna Smith")).toBeNull();
    expect(calls[0]?.filter.departments).toEqual(["Eng"]);
    expect(screen.getByRole("checkbox", { name: /Eng/ })).toBeChecked();

    await user.click(screen.getByRole("checkbox", { name: /Sales/ }));
    await waitFor(() => expect(location).toBe("?department=Eng&department=Sales"));
    await screen.findByText("Anna Smith");
    expect(screen.getByRole("status")).toHaveTextContent("3 people");

    navigate?.(-1);
    await waitFor(() => expect(screen.queryByText("Anna Smith")).toBeNull());
    expect(location).toBe("?department=Eng");
  });

  it("shows one facet per tag field and filters by it through the URL", async () => {
    const calls = fakeServer();
    const user = userEvent.setup();
    renderAt("/people");
    await screen.findByText("Anna Smith");
    const cost = screen.getByRole("group", { name: "Cost center" });
    expect(screen.getByRole("group", { name: "Employment type" })).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Tag" })).toBeNull();
    await user.click(within(cost).getByRole("checkbox", { name: /200/ }));
    await waitFor(() => expect(location).toBe("?tf.cost=200"));
    await waitFor(() => expect(screen.queryByText("Ada Lovelace")).toBeNull());
    expect(calls.at(-1)?.filter.tagFields).toEqual([{ field: "cost", values: ["200"] }]);
    expect(screen.getByText("Anna Smith")).toBeInTheDocument();
  });

  it("searches as you type, debounced, replacing the URL", async () => {
    const calls = fakeServer();
    const user = userEvent.setup();
    renderAt("/people");
    await screen.findByText("Anna Smith");
    await user.type(screen.getByLabelText("Search people"), "ann");
    await waitFor(() => expect(location).toBe("?q=ann"));
    await waitFor(() => expect(screen.queryByText("Ada Lovelace")).toBeNull());
    // One request for the settled text, none per keystroke.
    expect(calls.map((c) => c.filter.query)).toEqual([null, "ann"]);
  });

  it("shows the empty state with a way out", async () => {
    fakeServer();
    const user = userEvent.setup();
    renderAt("/people?q=zzz");
    await screen.findByText("No one matches these filters.");
    await user.click(screen.getByRole("button", { name: "Clear search and filters" }));
    await screen.findByText("Ada Lovelace");
    expect(location).toBe("");
  });

  it("shows the error state", async () => {
    fakeServer({ fail: true });
    renderAt("/people");
    expect(await screen.findByRole("alert")).toHaveTextContent("Search failed");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
