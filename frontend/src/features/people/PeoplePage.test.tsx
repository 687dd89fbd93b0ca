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

  it("puts the filters in a drawer on a phone: focus moves in, Escape closes it and focus returns", async () => {
    screenWidth(true);
    fakeServer();
    const user = userEvent.setup();
    renderAt("/people");
    await screen.findByText("Anna Smith");
    expect(screen.queryByRole("complementary", { name: "Filters" })).toBeNull();
    expect(screen.queryByRole("group", { name: "Department" })).toBeNull();
    const button = screen.getByRole("button", { name: "Filters" });
    expect(button).toHaveAttribute("aria-expanded", "false");

    await user.click(button);
    const dialog = screen.getByRole("dialog", { name: "Filters" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveFocus();
    await user.click(within(dialog).getByRole("checkbox", { name: /Sales/ }));
    await waitFor(() => expect(location).toBe("?department=Sales"));
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Show 1 person" })).toBeInTheDocument());
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("button", { name: "Filters (1)" })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Filters (1)" }));
    await user.click(screen.getByRole("button", { name: "Show 1 person" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("button", { name: "Filters (1)" })).toHaveFocus();
  });

  it("shows the panel beside the results on a wide screen, without a drawer", async () => {
    screenWidth(false);
    fakeServer();
    renderAt("/people");
    await screen.findByText("Anna Smith");
    expect(screen.getByRole("complementary", { name: "Filters" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Filters/ })).toBeNull();
  });

  it("shows a chip per active filter; removing one or clearing all updates the URL", async () => {
    fakeServer();
    const user = userEvent.setup();
    renderAt("/people?q=a&department=Eng&department=Sales&tf.cost=100");
    await screen.findByText("Ada Lovelace");
    const chips = screen.getByRole("group", { name: "Active filters" });
    expect(within(chips).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Department: Eng×", "Department: Sales×", "Cost center: 100×"]);
    await user.click(within(chips).getByRole("button", { name: "Remove filter Department: Sales" }));
    await waitFor(() => expect(location).toBe("?q=a&department=Eng&tf.cost=100"));
    await user.click(within(screen.getByRole("group", { name: "Active filters" })).getByRole("button", { name: "Clear all" }));
    await waitFor(() => expect(location).toBe("?q=a"));
    expect(screen.queryByRole("group", { name: "Active filters" })).toBeNull();
  });

  it("searches inside a long facet, and Show more moves focus to the first value it reveals", async () => {
    fakeServer({ manyDepartments: true });
    const user = userEvent.setup();
    renderAt("/people");
    await screen.findByText("Anna Smith");
    const dept = screen.getByRole("group", { name: "Department" });
    expect(within(dept).getAllByRole("checkbox")).toHaveLength(8);
    // Offices have only three values: no search box.
    expect(within(screen.getByRole("group", { name: "Office" })).queryByRole("searchbox")).toBeNull();

    await user.click(within(dept).getByRole("button", { name: "Show 3 more" }));
    expect(within(dept).getAllByRole("checkbox")).toHaveLength(11);
    expect(within(dept).getByRole("checkbox", { name: /Operations/ })).toHaveFocus();
    await user.tab();
    expect(within(dept).getByRole("checkbox", { name: /People/ })).toHaveFocus();
    await user.click(within(dept).getByRole("button", { name: "Show fewer" }));
    expect(within(dept).getAllByRole("checkbox")).toHaveLength(8);

    await user.type(within(dept).getByRole("searchbox", { name: "Search Department" }), "sec");
    expect(within(dept).getAllByRole("checkbox").map((c) => c.closest("label")?.querySelector(".facet-label")?.textContent)).toEqual(["Security"]);
    await user.clear(within(dept).getByRole("searchbox", { name: "Search Department" }));
    await user.type(within(dept).getByRole("searchbox", { name: "Search Department" }), "zzz");
    expect(within(dept).queryAllByRole("checkbox")).toHaveLength(0);
    expect(within(dept).getByText("No Department matches “zzz”.")).toBeInTheDocument();
  });

  it("names offices by slug in the URL and reads old links with office ids", async () => {
    const calls = fakeServer();
    const user = userEvent.setup();
    renderAt(`/people?office=${BERGEN}`);
    await screen.findByText("Anna Smith");
    expect(calls[0]?.filter.officeIds).toEqual([BERGEN]);
    await waitFor(() => expect(location).toBe("?office=bergen"));

    await user.click(within(screen.getByRole("group", { name: "Office" })).getByRole("checkbox", { name: /Oslo HQ/ }));
    await waitFor(() => expect(location).toMatch(/^\?office=bergen&office=oslo-hq(-2)?$/));
    await screen.findByText("Ada Lovelace");
    expect(calls.at(-1)?.filter.officeIds).toEqual([BERGEN, OSLO]);
    expect(within(screen.getByRole("group", { name: "Active filters" })).getByText("Oslo HQ", { exact: false })).toBeInTheDocument();
  });

  it("waits for the offices before searching a link that names an office by slug", async () => {
    const calls = fakeServer();
    renderAt("/people?office=bergen");
    await screen.findByText("Anna Smith");
    expect(screen.queryByText("Ada Lovelace")).toBeNull();
    expect(calls.map((c) => c.filter.officeIds)).toEqual([[BERGEN]]);
  });

  it("lets an administrator list inactive people or everyone", async () => {
    const calls = fakeServer({ admin: true });
    const user = userEvent.setup();
    renderAt("/people");
    await screen.findByText("Anna Smith");
    const status = screen.getByRole("group", { name: "Status" });
    expect(within(status).getByRole("radio", { name: "Active" })).toBeChecked();
    expect(calls[0]?.filter.status).toBeUndefined();
    expect(screen.queryByText("Lea Left")).toBeNull();

    await user.click(within(status).getByRole("radio", { name: "Inactive" }));
    await waitFor(() => expect(location).toBe("?status=inactive"));
    await screen.findByText("Lea Left");
    expect(calls.at(-1)?.filter.status).toBe("INACTIVE");
    expect(screen.queryByText("Anna Smith")).toBeNull();
    expect(screen.getByRole("rowheader", { name: /Lea Left/ })).toHaveTextContent("Inactive");
    expect(within(screen.getByRole("group", { name: "Active filters" })).getByText("Inactive", { exact: false })).toBeInTheDocument();

    await user.click(within(screen.getByRole("group", { name: "Status" })).getByRole("radio", { name: "All" }));
    await waitFor(() => expect(location).toBe("?status=all"));
    await screen.findByText("Anna Smith");
    expect(screen.getByText("Lea Left")).toBeInTheDocument();
    expect(calls.at(-1)?.filter.status).toBe("ALL");
  });

  it("offers members no status filter and ignores one in the URL", async () => {
    const calls = fakeServer({ admin: false });
    renderAt("/people?status=inactive");
    await screen.findByText("Anna Smith");
    expect(screen.queryByRole("group", { name: "Status" })).toBeNull();
    expect(screen.queryByText("Lea Left")).toBeNull();
    expect(calls.every((c) => c.filter.status === undefined)).toBe(true);
    expect(screen.queryByRole("group", { name: "Active filters" })).toBeNull();
  });
});
