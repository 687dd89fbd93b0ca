// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient, type FakeCall, type FakeHandler } from "../../../test/fakeGraphql";
import type { SyncConfigurationInput } from "../../../gql/graphql";
import { fakeConfig, fakeRun } from "../testData";
import { MappingEditor } from "./MappingEditor";

const attributes = [
  { path: "/custom_attributes/department_name", userCount: 25, samples: ["Engineering", "Sales"] },
  { path: "/custom_attributes/division_name", userCount: 20, samples: ["R&D"] },
  { path: "/custom_attributes/office_name", userCount: 25, samples: ["Berlin HQ"] },
  { path: "/custom_attributes/tags", userCount: 18, samples: ["remote"] },
  { path: "/custom_attributes/cost_center_name", userCount: 25, samples: ["CC-1"] },
];

const sample = {
  id: "du1", email: "ada@x.example", firstName: "Ada", lastName: "L",
  attributes: {
    first_name: "Ada", last_name: "L", email: "Ada@X.example",
    custom_attributes: { department_name: "Eng", division_name: "R&D", office_name: "Berlin HQ", tags: ["remote", "oncall"], cost_center_name: "CC-1" },
  },
};

/** The fake directory's groups: Engineering 1..25 and a few others, by name. */
const groups = [
  ...Array.from({ length: 25 }, (_, i) => ({ id: `ge${i + 1}`, name: `Engineering ${String(i + 1).padStart(2, "0")}`, memberCount: i + 1 })),
  { id: "gs", name: "Sales", memberCount: 7 },
  { id: "ga", name: "IT Admins", memberCount: 2 },
];

function serve(extra: Record<string, FakeHandler> = {}, initial = fakeConfig()) {
  let config = initial;
  const byId = (ids: readonly (string | number)[] | null | undefined) => (ids ?? []).map((id) => groups.find((g) => g.id === String(id))!);

  return fakeGraphql({
    MappingWarnings: () => ({ data: { directorySync: { mappingWarnings: [] } } }),
    MappingEditor: () => ({
      data: {
        directorySync: { configuration: config, attributes, connection: { id: "c", userCount: 25 }, directoryUsers: { edges: [{ node: sample }] } },
        offices: [{ id: "o1", name: "Berlin", aliases: ["Berlin HQ"] }],
      },
    }),
    GroupPicker: (v) => {
      const q = String(v.query ?? "").toLowerCase();
      const all = groups.filter((g) => g.name.toLowerCase().includes(q));
      const from = v.after ? Number(v.after) : 0;
      const page = all.slice(from, from + 20);
      return {
        data: {
          directorySync: {
            groups: {
              totalCount: all.length,
              pageInfo: { hasNextPage: from + 20 < all.length, endCursor: String(from + page.length) },
              edges: page.map((node) => ({ node })),
            },
          },
        },
      };
    },
    UpdateSyncConfiguration: (v) => {
      const input = v.input as SyncConfigurationInput;
      const m = input.mapping!;
      const tagFields = (m.tagFields ?? []).map((f) => ({ key: f.key, label: f.label, pointer: f.pointer ?? null, fromGroups: f.fromGroups ?? false }));
      const r = input.groupRules;
      config = fakeConfig({
        mapping: {
          firstName: m.firstName ?? null, lastName: m.lastName ?? null, email: m.email, jobTitle: m.jobTitle ?? null, department: m.department ?? null,
          division: m.division ?? null, office: m.office ?? null, valueAliases: m.valueAliases ?? [], tagFields, tags: tagFields.flatMap((f) => (f.pointer ? [f.pointer] : [])) },
        groupRules: r
          ? {
              allGroupsAsTags: r.allGroupsAsTags ?? false, tagGroups: byId(r.tagGroupIds), syncOnlyGroups: byId(r.syncOnlyGroupIds),
              adminGroups: byId(r.adminGroupIds), adminRoleSlugs: r.adminRoleSlugs ?? [],
            }
          : config.groupRules,
        updatedAt: "2026-01-01T12:00:00Z",
      });
      return { data: { updateSyncConfiguration: config } };
    },
    ...extra,
  });
}

/** The input of the n-th save. */
const savedInput = (calls: FakeCall[], n = 0) => callsOf(calls, "UpdateSyncConfiguration")[n]?.variables.input as SyncConfigurationInput;

describe("MappingEditor", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows coverage and samples, previews live, and saves", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderWithClient(<MappingEditor />);
    const dept = await screen.findByLabelText("Department");
    expect(screen.getByText(/25 of 25 users \(100%\) · e.g. “Engineering”, “Sales”/)).toBeInTheDocument();
    const preview = screen.getByRole("table", { name: "Mapping preview" });
    expect(within(preview).getByText("ada@x.example")).toBeInTheDocument();

    await user.selectOptions(dept, "/custom_attributes/cost_center_name");
    expect(within(preview).getByText("CC-1")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Office"), "/custom_attributes/office_name");
    expect(within(preview).getByText("Berlin")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add tag field" }));
    const field = screen.getByRole("group", { name: "Tag field 1" });
    expect(within(field).getByLabelText("Name")).toHaveFocus();
    await user.keyboard("Skills");
    await user.selectOptions(within(field).getByLabelText("Attribute"), "/custom_attributes/tags");
    expect(within(preview).getByText("oncall")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Add alias" }));
    await user.selectOptions(screen.getByLabelText("Alias 1 field"), "tags");
    await user.type(screen.getByLabelText("Alias 1 directory value"), "ONCALL");
    await user.type(screen.getByLabelText("Alias 1 value to use"), "On call");
    expect(within(preview).getByText("On call")).toBeInTheDocument();

    expect(screen.getByRole("button", { name: "Run a dry run" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Save mapping" }));
    expect(await screen.findByRole("status")).toHaveTextContent(/Mapping saved/);
    expect(screen.getByRole("status")).toHaveFocus();
    const input = savedInput(calls);
    expect(input.mapping!).toMatchObject({
      department: "/custom_attributes/cost_center_name",
      office: "/custom_attributes/office_name",
      tagFields: [{ key: "skills", label: "Skills", pointer: "/custom_attributes/tags" }],
      valueAliases: [{ field: "tags", from: "ONCALL", to: "On call" }],
    });
    expect(input.mapping!).not.toHaveProperty("tags");
    await waitFor(() => expect(screen.getByRole("button", { name: "Run a dry run" })).toBeEnabled());
  });

  it("shows the server's reason when a save is refused", async () => {
    serve({ UpdateSyncConfiguration: () => ({ error: "BAD_USER_INPUT", message: "mapping.department: invalid JSON pointer" }) });
    const user = userEvent.setup();
    renderWithClient(<MappingEditor />);
    await user.selectOptions(await screen.findByLabelText("Division"), "");
    await user.click(screen.getByRole("button", { name: "Save mapping" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("mapping.department: invalid JSON pointer");
  });

  it("runs a dry run and lists what would change", async () => {
    const calls = serve({
      RunDirectorySync: () => ({ data: { runDirectorySync: fakeRun({ id: "dry1", dryRun: true, status: "SUCCEEDED", issueCount: 0 }) } }),
      SyncRun: () => ({ data: { directorySync: { run: fakeRun({ id: "dry1", dryRun: true, created: 1, issueCount: 0 }) } } }),
      SyncRunChanges: () => ({
        data: { directorySync: { run: { id: "dry1", changes: [{ action: "CREATE", userId: null, directoryUserId: "du1", email: "ada@x.example", name: "Ada L", fields: [{ field: "department", from: null, to: "Eng" }] }] } } },
      }),
    });
    const user = userEvent.setup();
    renderWithClient(<MappingEditor />);
    await user.click(await screen.findByRole("button", { name: "Run a dry run" }));
    expect(await screen.findByText(/What the next sync would change \(1\)/)).toBeInTheDocument();
    expect(screen.getByText("Create")).toBeInTheDocument();
    expect(callsOf(calls, "RunDirectorySync")[0]?.variables).toEqual({ dryRun: true });
  });

  it("shows the saved mapping's warnings, and the server's warnings for a draft before saving", async () => {
    const jobTitle = { field: "mapping.jobTitle", pointer: "/job_title", message: "none of the 25 directory users has a value at /job_title" };
    const calls = serve(
      {
        MappingWarnings: (v) => {
          const m = v.mapping as { tagFields?: { pointer?: string }[] };
          const tag = m.tagFields?.some((f) => f.pointer === "/custom_attributes/tags")
            ? [{ field: "mapping.tags[0]", pointer: "/custom_attributes/tags", message: "no user has tags there" }]
            : [];
          return { data: { directorySync: { mappingWarnings: [jobTitle, ...tag] } } };
        },
      },
      fakeConfig({ mapping: { ...fakeConfig().mapping, jobTitle: "/job_title" }, warnings: [jobTitle] }),
    );
    const user = userEvent.setup();
    renderWithClient(<MappingEditor />);
    const saved = await screen.findByRole("status", { name: "Mapping warnings" });
    expect(within(saved).getByText("Job title")).toBeInTheDocument();
    expect(within(saved).getByText(/none of the 25 directory users has a value at \/job_title/)).toBeInTheDocument();
    expect(callsOf(calls, "MappingWarnings")).toHaveLength(0);

    // The server numbers the tag fields that take an attribute: mapping.tags[0] is the second field here.
    await user.click(screen.getByRole("button", { name: "Add a tag field from groups" }));
    await user.click(screen.getByRole("button", { name: "Add tag field" }));
    await user.selectOptions(within(screen.getByRole("group", { name: "Tag field 2" })).getByLabelText("Attribute"), "/custom_attributes/tags");
    // The box is drawn again for each check: look it up each time.
    const warned = (label: string) =>
      waitFor(() => expect(within(screen.getByRole("status", { name: "Mapping warnings" })).getByText(label)).toBeInTheDocument(), { timeout: 5000 });
    await warned("Tag 2");
    expect(within(screen.getByRole("status", { name: "Mapping warnings" })).getByText("Job title")).toBeInTheDocument();
    await user.type(within(screen.getByRole("group", { name: "Tag field 2" })).getByLabelText("Name"), "Skills");
    await warned("Skills");
    // Checked once typing pauses: the last check has the whole name.
    const sent = () => callsOf(calls, "MappingWarnings").at(-1)?.variables as { mapping: { tagFields: unknown[]; jobTitle: string } };
    await waitFor(
      () =>
        expect(sent().mapping.tagFields).toEqual([
          { key: "groups", label: "Groups", fromGroups: true },
          { key: "skills", label: "Skills", pointer: "/custom_attributes/tags" },
        ]),
      { timeout: 5000 },
    );
    // Never a draft the server would refuse (the tag field without an attribute).
    const checkedFields = callsOf(calls, "MappingWarnings").flatMap((c) => (c.variables.mapping as { tagFields: { pointer?: string }[] }).tagFields);
    expect(checkedFields.filter((f) => f.pointer === "")).toEqual([]);
    expect(sent().mapping.jobTitle).toBe("/job_title");
  });

  it("adds, renames, reorders and removes tag fields, with the keyboard too, and saves them in order", async () => {
    const calls = serve(
      {},
      fakeConfig({
        mapping: {
          ...fakeConfig().mapping,
          tags: ["/custom_attributes/tags", "/custom_attributes/cost_center_name"],
          tagFields: [
            { key: "tag1", label: "", pointer: "/custom_attributes/tags", fromGroups: false },
            { key: "cost", label: "Cost center", pointer: "/custom_attributes/cost_center_name", fromGroups: false },
          ],
        },
      }),
    );
    const user = userEvent.setup();
    renderWithClient(<MappingEditor />);
    const field = (n: number) => screen.getByRole("group", { name: `Tag field ${n}` });
    const first = within(await screen.findByRole("group", { name: "Tag field 1" }));
    expect(first.getByLabelText("Name")).toHaveValue("");
    expect(first.getByLabelText("Name")).toHaveAttribute("placeholder", "Tag 1");
    expect(first.getByRole("button", { name: "Move up" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Save mapping" })).toBeDisabled();

    await user.type(first.getByLabelText("Name"), "Skills");
    await user.click(within(field(2)).getByRole("button", { name: "Move up" }));
    expect(within(field(1)).getByLabelText("Name")).toHaveValue("Cost center");
    // At the top "Move up" is disabled: the focus stays on the moved field, on "Move down".
    expect(within(field(1)).getByRole("button", { name: "Move down" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(within(field(2)).getByLabelText("Name")).toHaveValue("Cost center");
    expect(within(field(2)).getByRole("button", { name: "Move up" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(within(field(1)).getByLabelText("Name")).toHaveValue("Cost center");

    await user.click(screen.getByRole("button", { name: "Add a tag field from groups" }));
    const groupsName = within(field(3)).getByLabelText("Name");
    expect(groupsName).toHaveFocus();
    expect(groupsName).toHaveValue("Groups");
    await user.clear(groupsName);
    await user.type(groupsName, "Teams");
    expect(within(field(3)).getByLabelText("Values from")).toHaveValue("groups");
    expect(screen.queryByRole("button", { name: "Add a tag field from groups" })).not.toBeInTheDocument();
    expect(within(within(field(1)).getByLabelText("Values from")).getByRole("option", { name: "Directory groups" })).toBeDisabled();

    await user.click(screen.getByRole("button", { name: "Add tag field" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Tag field Tag 4 needs an attribute (or remove it).");
    expect(screen.getByRole("button", { name: "Save mapping" })).toBeDisabled();
    await user.click(within(field(4)).getByRole("button", { name: "Remove" }));
    expect(screen.queryByRole("group", { name: "Tag field 4" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add tag field" })).toHaveFocus();

    expect(screen.getByText("Unsaved changes")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save mapping" }));
    await screen.findByText(/Mapping saved/);
    expect(savedInput(calls).mapping!.tagFields).toEqual([
      { key: "cost", label: "Cost center", pointer: "/custom_attributes/cost_center_name" },
      { key: "tag1", label: "Skills", pointer: "/custom_attributes/tags" },
      { key: "teams", label: "Teams", fromGroups: true },
    ]);
    expect(within(field(3)).getByLabelText("Name")).toHaveValue("Teams");
    expect(screen.queryByText("Unsaved changes")).not.toBeInTheDocument();
  });

  it("offers at most 20 tag fields", async () => {
    const fields = Array.from({ length: 19 }, (_, i) => ({ key: `t${i}`, label: `T${i}`, pointer: `/custom_attributes/t${i}`, fromGroups: false }));
    serve({}, fakeConfig({ mapping: { ...fakeConfig().mapping, tagFields: fields } }));
    const user = userEvent.setup();
    renderWithClient(<MappingEditor />);
    await user.click(await screen.findByRole("button", { name: "Add tag field" }));
    expect(screen.getAllByRole("group", { name: /^Tag field \d+$/ })).toHaveLength(20);
    expect(screen.getByRole("button", { name: "Add tag field" })).toBeDisabled();
    expect(screen.getByText("At most 20 tag fields.")).toBeInTheDocument();
  });

  it("searches groups as the admin types, pages with Show more, picks and removes groups", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderWithClient(<MappingEditor />);
    const section = within(await screen.findByRole("group", { name: "Groups" }));
    expect(section.getByRole("radio", { name: "No groups" })).toBeChecked();
    expect(callsOf(calls, "GroupPicker")).toHaveLength(0);

    await user.click(section.getByRole("radio", { name: "Only the groups I choose" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Choose the groups that become tags");
    expect(section.getByText(/Add a tag field from groups above/)).toBeInTheDocument();
    const tags = within(section.getByRole("group", { name: "Groups that become tags" }));
    await user.type(tags.getByLabelText("Search groups"), "eng");
    expect(await tags.findByText("25 groups contain “eng”")).toBeInTheDocument();
    // The click into the box lists all groups; then one search for what was typed, none per keystroke (debounced).
    expect(callsOf(calls, "GroupPicker").map((c) => c.variables)).toEqual([{ query: null, after: null }, { query: "eng", after: null }]);
    expect(tags.getAllByRole("checkbox")).toHaveLength(20);
    await user.click(tags.getByRole("button", { name: "Show more" }));
    await waitFor(() => expect(tags.getAllByRole("checkbox")).toHaveLength(25));
    expect(callsOf(calls, "GroupPicker").at(-1)?.variables).toEqual({ query: "eng", after: "20" });
    expect(tags.queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();

    await user.click(tags.getByRole("checkbox", { name: "Engineering 03 (3 members)" }));
    await user.click(tags.getByRole("checkbox", { name: "Engineering 25 (25 members)" }));
    const chips = within(tags.getByRole("list", { name: "Chosen groups: Groups that become tags" }));
    expect(chips.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Engineering 03 (3 members)×", "Engineering 25 (25 members)×"]);
    await user.click(chips.getByRole("button", { name: "Remove Engineering 03" }));
    expect(tags.getByRole("checkbox", { name: "Engineering 03 (3 members)" })).not.toBeChecked();
    await user.click(tags.getByRole("button", { name: "Done" }));
    expect(tags.queryByRole("checkbox")).not.toBeInTheDocument();
    expect(tags.getByLabelText("Search groups")).toHaveFocus();
    expect(tags.getByLabelText("Search groups")).toHaveValue("");
    expect(within(tags.getByRole("list", { name: /Chosen groups/ })).getAllByRole("listitem")).toHaveLength(1);
  });

  it("saves the three group rules, admin groups and role slugs included, and discards edits", async () => {
    const calls = serve();
    const user = userEvent.setup();
    renderWithClient(<MappingEditor />);
    const section = within(await screen.findByRole("group", { name: "Groups" }));
    await user.click(section.getByRole("radio", { name: "Only the groups I choose" }));
    const tags = within(section.getByRole("group", { name: "Groups that become tags" }));
    await user.type(tags.getByLabelText("Search groups"), "25");
    await user.click(await tags.findByRole("checkbox", { name: "Engineering 25 (25 members)" }));

    const syncOnly = within(section.getByRole("group", { name: "Sync only members of" }));
    expect(syncOnly.getByText("No group chosen: everyone assigned is synced.")).toBeInTheDocument();
    await user.click(syncOnly.getByLabelText("Search groups"));
    expect(await syncOnly.findByText("27 groups")).toBeInTheDocument();
    await user.click(syncOnly.getByRole("button", { name: "Show more" }));
    await user.click(await syncOnly.findByRole("checkbox", { name: "Sales (7 members)" }));
    expect(screen.getByRole("button", { name: "Save mapping" })).toBeEnabled();

    const admins = within(section.getByRole("group", { name: "Company administrators are members of" }));
    await user.type(admins.getByLabelText("Search groups"), "admin{Enter}");
    await user.click(await admins.findByRole("checkbox", { name: "IT Admins (2 members)" }));
    await user.type(section.getByLabelText("WorkOS role slugs of company administrators"), "admin, owner{Enter}");
    expect(within(section.getByRole("list", { name: "WorkOS role slugs" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["admin×", "owner×"]);

    expect(screen.getByText("Unsaved changes")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save mapping" }));
    await screen.findByText(/Mapping saved/);
    expect(savedInput(calls).groupRules).toEqual({
      allGroupsAsTags: false, tagGroupIds: ["ge25"], syncOnlyGroupIds: ["gs"], adminGroupIds: ["ga"], adminRoleSlugs: ["admin", "owner"],
    });
    expect(within(syncOnly.getByRole("list", { name: "Chosen groups: Sync only members of" })).getByText("Sales")).toBeInTheDocument();

    await user.click(section.getByRole("radio", { name: "All groups" }));
    await user.click(within(admins.getByRole("list", { name: /Chosen groups/ })).getByRole("button", { name: "Remove IT Admins" }));
    expect(screen.getByText("Unsaved changes")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Discard changes" }));
    expect(section.getByRole("radio", { name: "Only the groups I choose" })).toBeChecked();
    expect(within(admins.getByRole("list", { name: /Chosen groups/ })).getByText("IT Admins")).toBeInTheDocument();
    expect(screen.queryByText("Unsaved changes")).not.toBeInTheDocument();
  });
});
