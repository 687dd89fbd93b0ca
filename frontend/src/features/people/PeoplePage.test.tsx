// @vitest-environment jsdom
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from "react-router";
import { Provider } from "urql";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserFilter } from "../../gql/graphql";
import { createClient } from "../../lib/client";
import { ViewerProvider } from "../auth/ViewerContext";
import { PeoplePage } from "./PeoplePage";

interface Vars {
  filter: UserFilter;
  after: string | null;
  withFacets: boolean;
}

const facet = (value: string, count: number) => ({ __typename: "FacetCount", value, label: value, count });

const tagValue = (field: string, label: string, value: string) => ({ __typename: "TagValue", field, label, value });

const OSLO = "0b0e0000-0000-4000-8000-000000000001";
const OSLO_2 = "0b0e0000-0000-4000-8000-000000000002";
const BERGEN = "0b0e0000-0000-4000-8000-000000000003";
const OFFICES = [
  { __typename: "Office", id: OSLO, name: "Oslo HQ" },
  { __typename: "Office", id: OSLO_2, name: "Oslo hq" },
  { __typename: "Office", id: BERGEN, name: "Bergen" },
];

function person(id: string, name: string, department: string, cost: string, office: string | null = null, status = "ACTIVE") {
  return {
    __typename: "UserEdge",
    cursor: `c-${id}`,
    node: {
      __typename: "User", id, name, email: `${id}@acme.example`, jobTitle: null, department, division: null,
      office: office ? { __typename: "Office", id: office, name: OFFICES.find((o) => o.id === office)?.name ?? "" } : null,
      status, tags: [cost], tagValues: [tagValue("cost", "Cost center", cost)],
    },
  };
}

/** The departments of the fake company: many, so the facet gets a search box. */
const DEPARTMENTS = ["Eng", "Sales", "Legal", "Finance", "Support", "Marketing", "Design", "Research", "Operations", "People", "Security"];

/**
 * A fake /graphql: the viewer (admin or member), the offices and Power Search
 * from a fixed list; records the search variables.
 */
function fakeServer(opts: { fail?: boolean; admin?: boolean; manyDepartments?: boolean } = {}) {
  const calls: Vars[] = [];
  const people = [
    person("u1", "Ada Lovelace", "Eng", "100", OSLO),
    person("u2", "Anna Smith", "Sales", "200", BERGEN),
    person("u3", "Max Member", "Eng", "100", OSLO_2),
    person("u4", "Lea Left", "Eng", "100", null, "INACTIVE"),
  ];
  vi.stubGlobal(
    "fetch",
    vi.fn((_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { query: string; variables: Vars };
      if (body.query.includes("query Viewer")) {
        return Promise.resolve(Response.json({ data: { viewer: {
          __typename: "Viewer", isCompanyAdmin: opts.admin ?? false,
          user: { __typename: "User", id: "me", name: "Me", email: "me@acme.example" }, company: { __typename: "Company", id: "c", name: "Acme" },
        } } }));
      }
      if (body.query.includes("query PeopleOffices")) return Promise.resolve(Response.json({ data: { offices: OFFICES } }));
      const v = body.variables;
      calls.push(v);
      if (opts.fail) {
        return Promise.resolve(Response.json({ data: null, errors: [{ message: "boom", extensions: { code: "INTERNAL" } }] }));
      }
      const q = (v.filter.query ?? "").toLowerCase();
      const depts = v.filter.departments ?? [];
      const costs = v.filter.tagFields?.find((f) => f.field === "cost")?.values ?? [];
      const offices = v.filter.officeIds ?? [];
      const status = v.filter.status ?? "ACTIVE";
      const edges = people.filter(
        (p) =>
          p.node.name.toLowerCase().includes(q) &&
          (status === "ALL" || p.node.status === status) &&
          (offices.length === 0 || offices.includes(p.node.office?.id ?? "")) &&
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
                    __typename: "UserFacets", departments: opts.manyDepartments ? DEPARTMENTS.map((d, i) => facet(d, 20 - i)) : [facet("Eng", 2), facet("Sales", 1)],
                    divisions: [], offices: OFFICES.map((o) => ({ __typename: "FacetCount", value: o.id, label: o.name, count: 1 })),
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
      <ViewerProvider>
        <MemoryRouter initialEntries={[url]}>
          <Spy />
          <Routes>
            <Route path="/people" element={<PeoplePage />} />
          </Routes>
        </MemoryRouter>
      </ViewerProvider>
    </Provider>,
  );
}

/** Makes matchMedia answer as a phone (narrow) or a desktop. */
function screenWidth(narrow: boolean) {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: narrow, media: query, onchange: null,
    addEventListener: () => undefined, removeEventListener: () => undefined, addListener: () => undefined, removeListener: () => undefined, dispatchEvent: () => false,
  }));
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
