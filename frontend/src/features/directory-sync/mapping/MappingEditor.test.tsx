// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient, type FakeHandler } from "../../../test/fakeGraphql";
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

function serve(extra: Record<string, FakeHandler> = {}) {
  let config = fakeConfig();
  return fakeGraphql({
    MappingEditor: () => ({
      data: {
        directorySync: { configuration: config, attributes, connection: { id: "c", userCount: 25 }, directoryUsers: { edges: [{ node: sample }] } },
        offices: [{ id: "o1", name: "Berlin", aliases: ["Berlin HQ"] }],
      },
    }),
    UpdateSyncConfiguration: (v) => {
      const input = v.input as { mapping: typeof config.mapping };
      config = fakeConfig({ mapping: { ...input.mapping, valueAliases: input.mapping.valueAliases ?? [], tags: input.mapping.tags ?? [] }, updatedAt: "2026-01-01T12:00:00Z" });
      return { data: { updateSyncConfiguration: config } };
    },
    ...extra,
  });
}

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
    await user.selectOptions(screen.getByLabelText("Tag 1"), "/custom_attributes/tags");
    expect(within(preview).getByText("oncall")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Add alias" }));
    await user.selectOptions(screen.getByLabelText("Alias 1 field"), "tags");
    await user.type(screen.getByLabelText("Alias 1 directory value"), "ONCALL");
    await user.type(screen.getByLabelText("Alias 1 value to use"), "On call");
    expect(within(preview).getByText("On call")).toBeInTheDocument();

    expect(screen.getByRole("button", { name: "Run a dry run" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Save mapping" }));
    expect(await screen.findByText(/Mapping saved/)).toBeInTheDocument();
    const input = callsOf(calls, "UpdateSyncConfiguration")[0]?.variables.input as { mapping: Record<string, unknown> };
    expect(input.mapping).toMatchObject({
      department: "/custom_attributes/cost_center_name",
      office: "/custom_attributes/office_name",
      tags: ["/custom_attributes/tags"],
      valueAliases: [{ field: "tags", from: "ONCALL", to: "On call" }],
    });
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
});
