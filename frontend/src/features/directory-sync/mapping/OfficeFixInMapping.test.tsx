// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient } from "../../../test/fakeGraphql";
import { fakeRun } from "../testData";
import { DryRunPanel } from "./DryRunPanel";
import { MappingPreview, type SampleUser } from "./MappingPreview";
import type { MappingDraft } from "./mapUser";

const mapping: MappingDraft = {
  firstName: "/first_name", lastName: "/last_name", email: "/email", jobTitle: "", department: "", division: "",
  office: "/custom_attributes/office_name", tags: [], valueAliases: [],
};

function sample(id: string, first: string, office: string): SampleUser {
  return {
    id, email: `${first.toLowerCase()}@x.example`, firstName: first, lastName: "L",
    attributes: { first_name: first, last_name: "L", email: `${first.toLowerCase()}@x.example`, custom_attributes: { office_name: office } },
  };
}

type Office = { id: string; name: string; aliases: string[]; userCount: number };

/** A fake office store: Offices reads it, CreateOffice and UpdateOffice change it. */
function officeHandlers(offices: Office[]) {
  return {
    Offices: () => ({ data: { offices: offices.map((o) => ({ ...o })) } }),
    CreateOffice: (v: Record<string, unknown>) => {
      const input = v.input as { name: string; aliases: string[] };
      const o = { id: `o${offices.length + 1}`, name: input.name, aliases: input.aliases, userCount: 0 };
      offices.push(o);
      return { data: { createOffice: o } };
    },
    UpdateOffice: (v: Record<string, unknown>) => {
      const input = v.input as { id: string; aliases: string[] };
      const o = offices.find((x) => x.id === input.id)!;
      o.aliases = input.aliases;
      return { data: { updateOffice: o } };
    },
  };
}

describe("fixing an unmatched office from the mapping page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("creates an office or maps a value to one from the live preview, which then shows it matched", { timeout: 30_000 }, async () => {
    const store: Office[] = [{ id: "o1", name: "Berlin", aliases: [], userCount: 3 }];
    const calls = fakeGraphql(officeHandlers(store));
    const users = [sample("du1", "Ada", "Sydney"), sample("du2", "Bo", "sydney"), sample("du3", "Cy", "Berlin Mitte"), sample("du4", "Di", "Berlin")];
    const user = userEvent.setup();
    renderWithClient(<MappingPreview users={users} mapping={mapping} offices={[{ id: "o1", name: "Berlin", aliases: [] }]} />);

    const preview = screen.getByRole("table", { name: "Mapping preview" });
    const fixes = await screen.findByRole("list", { name: "Office values that match no office" });
    expect(within(fixes).getByText(/matches no office · 2 previewed people/)).toBeInTheDocument();
    expect(within(fixes).getByText(/matches no office · 1 previewed person/)).toBeInTheDocument();
    expect(within(preview).getByText("Sydney (no match)")).toBeInTheDocument();

    await user.click(within(fixes).getByRole("button", { name: "Create office Sydney" }));
    expect(await screen.findByText(/Created the office Sydney\. The preview/)).toBeInTheDocument();
    expect(callsOf(calls, "CreateOffice")[0]?.variables.input).toEqual({ name: "Sydney", aliases: [] });
    await waitFor(() => expect(within(preview).queryByText("Sydney (no match)")).toBeNull());
    expect(within(preview).getAllByText("Sydney")).toHaveLength(2);
    expect(within(preview).getByText("Berlin Mitte (no match)")).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Map to an existing office"), "o1");
    await user.click(screen.getByRole("button", { name: "Map" }));
    expect(await screen.findByText(/Berlin Mitte now means Berlin\./)).toBeInTheDocument();
    expect(callsOf(calls, "UpdateOffice")[0]?.variables.input).toEqual({ id: "o1", aliases: ["Berlin Mitte"] });
    await waitFor(() => expect(within(preview).queryByText(/no match/)).toBeNull());
    expect(within(preview).getAllByText("Berlin")).toHaveLength(2);
    expect(screen.queryByRole("list", { name: "Office values that match no office" })).toBeNull();
  });

  it("runs the dry run again after an office is fixed from its issues, and it then matches", { timeout: 30_000 }, async () => {
    const store: Office[] = [{ id: "o1", name: "Berlin", aliases: [], userCount: 3 }];
    const dry = { dryRun: true, trigger: "DRY_RUN" as const, created: 0, updated: 2, unchanged: 0, skipped: 0, fetched: 2 };
    const runs = [fakeRun({ ...dry, id: "d1", issueCount: 2 }), fakeRun({ ...dry, id: "d2", issueCount: 0 })];
    let started = 0;
    const calls = fakeGraphql({
      ...officeHandlers(store),
      RunDirectorySync: () => ({ data: { runDirectorySync: runs[started++] } }),
      SyncRun: (v) => ({ data: { directorySync: { run: runs.find((r) => r.id === v.id) } } }),
      SyncRunIssueGroups: (v) => ({
        data: {
          directorySync: {
            run: {
              id: v.id,
              issueGroups: v.id === "d1" ? [{ key: "g1", kind: "unmatched_office", value: "Sydney", message: 'office "Sydney" matches no office name or alias', count: 2 }] : [],
            },
          },
        },
      }),
      SyncRunChanges: (v) => ({
        data: {
          directorySync: {
            run: {
              id: v.id,
              changes: [
                {
                  action: "UPDATE", userId: "u1", directoryUserId: "du1", email: "ada@x.example", name: "Ada L",
                  fields: v.id === "d1" ? [{ field: "jobTitle", from: null, to: "Engineer" }] : [{ field: "jobTitle", from: null, to: "Engineer" }, { field: "office", from: null, to: "Sydney" }],
                },
              ],
            },
          },
        },
      }),
    });
    const user = userEvent.setup();
    renderWithClient(<DryRunPanel disabledReason={null} />);

    await user.click(screen.getByRole("button", { name: "Run a dry run" }));
    await user.click(await screen.findByText("2 issues"));
    expect(await screen.findByText(/unmatched office · 2 people/)).toBeInTheDocument();
    const changes = await screen.findByRole("region", { name: "What the next sync would change" });
    expect(within(changes).getByText("Job title")).toBeInTheDocument();
    expect(within(changes).queryByText("jobTitle")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Create office Sydney" }));
    expect(await screen.findByText(/Created the office Sydney\. The dry run runs again with it\./)).toBeInTheDocument();
    await waitFor(() => expect(callsOf(calls, "RunDirectorySync")).toHaveLength(2));
    expect(callsOf(calls, "RunDirectorySync").map((c) => c.variables.dryRun)).toEqual([true, true]);
    const again = await screen.findByRole("region", { name: "What the next sync would change" });
    expect(await within(again).findByText("Sydney")).toBeInTheDocument();
    expect(within(again).getByText("Office")).toBeInTheDocument();
    expect(screen.queryByText(/unmatched office/)).toBeNull();
    expect(screen.queryByText("2 issues")).toBeNull();
  });
});
