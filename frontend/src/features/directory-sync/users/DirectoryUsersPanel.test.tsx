// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient } from "../../../test/fakeGraphql";
import { DirectoryUsersPanel } from "./DirectoryUsersPanel";

const preview = (department: string) => ({
  firstName: null, lastName: null, email: null, jobTitle: "Engineer", department, division: "R&D",
  officeValue: "BER", office: { id: "o1", name: "Berlin" }, tags: ["remote"], issues: [],
});

const eng = { id: "g1", name: "Engineering-Berlin" };
const admins = { id: "g2", name: "IT-Admins" };
const users = [
  { id: "du1", email: "ada@x.example", firstName: "Ada", lastName: "L", state: "active", assigned: true, groups: [eng, admins], user: null, preview: preview("Eng") },
  { id: "du2", email: "bob@x.example", firstName: "Bob", lastName: "K", state: "active", assigned: true, groups: [eng], user: { id: "u2", name: "Bob K", status: "ACTIVE" }, preview: preview("Sales") },
  { id: "du3", email: "cy@x.example", firstName: "Cy", lastName: "M", state: "inactive", assigned: false, groups: [], user: null, preview: preview("Ops") },
];

function serve() {
  const assigned = new Map(users.map((u) => [u.id, u.assigned]));
  return fakeGraphql({
    DirectoryUsers: (v) => {
      const f = (v.filter ?? {}) as { assigned?: boolean | null; query?: string | null; groupId?: string | null };
      const rows = users
        .map((u) => ({ ...u, assigned: assigned.get(u.id) ?? false }))
        .filter((u) => (f.assigned == null || u.assigned === f.assigned) && (!f.query || u.email.startsWith(f.query)))
        .filter((u) => !f.groupId || u.groups.some((g) => g.id === f.groupId));
      return { data: { directorySync: { directoryUsers: { totalCount: rows.length, pageInfo: { hasNextPage: false, endCursor: null }, edges: rows.map((node) => ({ node })) } } } };
    },
    DirectoryGroups: () => ({
      data: { directorySync: { groups: { totalCount: 2, edges: [{ node: { ...eng, memberCount: 2 } }, { node: { ...admins, memberCount: 1 } }] } } },
    }),
    SetDirectoryUserAssignment: (v) => {
      const ids = v.ids as string[];
      for (const id of ids) assigned.set(id, v.assigned as boolean);
      return { data: { setDirectoryUserAssignment: ids.map((id) => ({ id, assigned: v.assigned, preview: preview("Eng") })) } };
    },
  });
}

describe("DirectoryUsersPanel", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows assignment, state and the mapped preview", async () => {
    serve();
    renderWithClient(<DirectoryUsersPanel />);
    const row = (await screen.findByText("ada@x.example")).closest("tr");
    expect(row).not.toBeNull();
    const r = within(row as HTMLElement);
    expect(r.getByRole("switch", { name: "Assigned: Ada L" })).toBeChecked();
    expect(r.getByText("Engineer · Eng · R&D")).toBeInTheDocument();
    expect(r.getByText("Berlin")).toBeInTheDocument();
    expect(r.getByText("Not created yet")).toBeInTheDocument();
  });

  it("shows each user's groups and filters by group", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderWithClient(<DirectoryUsersPanel />);
    const row = (await screen.findByText("ada@x.example")).closest("tr");
    expect(within(row as HTMLElement).getByText("Engineering-Berlin, IT-Admins")).toBeInTheDocument();
    const select = screen.getByRole("combobox", { name: "Group" });
    await screen.findByRole("option", { name: "IT-Admins (1)" });
    await user.selectOptions(select, "g2");
    await waitFor(() => expect(screen.queryByText("bob@x.example")).toBeNull());
    expect(screen.getByText("ada@x.example")).toBeInTheDocument();
    expect(callsOf(calls, "DirectoryUsers").at(-1)?.variables.filter).toMatchObject({ groupId: "g2" });
  });

  it("un-assigns one user with the switch", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderWithClient(<DirectoryUsersPanel />);
    await user.click(await screen.findByRole("switch", { name: "Assigned: Bob K" }));
    expect(await screen.findByText(/1 user un-assigned/)).toBeInTheDocument();
    expect(callsOf(calls, "SetDirectoryUserAssignment")[0]?.variables).toEqual({ ids: ["du2"], assigned: false });
    expect(screen.getByRole("switch", { name: "Assigned: Bob K" })).not.toBeChecked();
  });

  it("moves the switch back when the server refuses", async () => {
    fakeGraphql({
      DirectoryUsers: () => ({ data: { directorySync: { directoryUsers: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: null }, edges: [{ node: users[0] }] } } } }),
      SetDirectoryUserAssignment: () => ({ error: "FORBIDDEN" }),
    });
    const user = userEvent.setup();
    renderWithClient(<DirectoryUsersPanel />);
    const sw = await screen.findByRole("switch", { name: "Assigned: Ada L" });
    await user.click(sw);
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not change the assignment");
    expect(screen.getByRole("switch", { name: "Assigned: Ada L" })).toBeChecked();
  });

  it("selects all and assigns in bulk", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderWithClient(<DirectoryUsersPanel />);
    await screen.findByText("ada@x.example");
    const all = screen.getByRole("checkbox", { name: "Select all shown users" });
    await user.click(screen.getByRole("checkbox", { name: "Select Cy M" }));
    expect(all).toHaveProperty("indeterminate", true);
    await user.click(all);
    expect(screen.getByText("3 selected")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Assign selected" }));
    expect(await screen.findByText(/3 users assigned/)).toBeInTheDocument();
    expect(callsOf(calls, "SetDirectoryUserAssignment")[0]?.variables).toEqual({ ids: ["du1", "du2", "du3"], assigned: true });
    expect(screen.getByRole("switch", { name: "Assigned: Cy M" })).toBeChecked();
  });

  it("filters by assignment and text", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderWithClient(<DirectoryUsersPanel />);
    await screen.findByText("ada@x.example");
    await user.selectOptions(screen.getByLabelText("Assignment"), "unassigned");
    await waitFor(() => expect(screen.queryByText("ada@x.example")).toBeNull());
    expect(screen.getByText("cy@x.example")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Assignment"), "all");
    await user.type(screen.getByLabelText("Search"), "bo");
    await waitFor(() => expect(screen.queryByText("cy@x.example")).toBeNull());
    const last = callsOf(calls, "DirectoryUsers").at(-1);
    expect(last?.variables.filter).toEqual({ query: "bo", assigned: null, state: null, groupId: null });
  });
});
