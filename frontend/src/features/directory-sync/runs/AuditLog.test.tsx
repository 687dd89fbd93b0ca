// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeGraphql, renderWithClient } from "../../../test/fakeGraphql";
import { AuditLog } from "./AuditLog";
import { describeAudit } from "./auditFormat";

const actor = { id: "u1", name: "Ada Admin" };
const entry = (id: string, action: string, details: unknown) => ({ id, action, details, createdAt: "2026-03-02T10:00:00Z", actor });

describe("AuditLog", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("says what changed: settings field by field, whom for assignments, and dry runs as dry runs", async () => {
    fakeGraphql({
      AuditEvents: () => ({
        data: {
          directorySync: {
            auditEvents: {
              edges: [
                entry("a1", "configuration.updated", {
                  changes: [
                    { field: "dailyAt", from: "02:37 (default)", to: "05:30" },
                    { field: "mapping.department", from: null, to: "/custom_attributes/department_name" },
                    { field: "mapping.tagFields.team", from: "Team: /custom_attributes/team", to: null },
                  ],
                }),
                entry("a2", "assignment.changed", {
                  assigned: false, count: 12, more: 2,
                  names: ["Ann Lee", "Bo Park", "Cy Diaz", "Di Wu", "Ed Kim", "Flo Ray", "Gus Oh", "Hal Ng", "Ida Li", "Jo Yu"],
                }),
                entry("a3", "assignment.changed", { assigned: true, count: 1, more: 0, names: ["Ann Lee"] }),
                entry("a4", "run.started", { runId: "r1", dryRun: true }),
                entry("a5", "run.started", { runId: "r2", dryRun: false }),
                entry("a6", "directory.disconnected", { directoryId: "d1", provider: "okta scim v2.0", name: "Acme Okta" }),
              ].map((node) => ({ node })),
            },
          },
        },
      }),
    });
    renderWithClient(<AuditLog />);
    const [list] = await screen.findAllByRole("list");
    const items = within(list!).getAllByRole("listitem").filter((li) => li.parentElement === list);
    expect(items).toHaveLength(6);
    expect(items[0]).toHaveTextContent("Ada Admin: Changed the sync settings");
    expect(items[0]).toHaveTextContent("Daily sync time: 02:37 (default) → 05:30");
    expect(items[0]).toHaveTextContent("Department from: not set → /custom_attributes/department_name");
    expect(items[0]).toHaveTextContent("Tag field team: Team: /custom_attributes/team → not set");
    expect(items[1]).toHaveTextContent("Un-assigned 12 people: Ann Lee, Bo Park, Cy Diaz, Di Wu, Ed Kim, Flo Ray, Gus Oh, Hal Ng, Ida Li, Jo Yu and 2 more");
    expect(items[2]).toHaveTextContent("Assigned Ann Lee");
    expect(items[3]).toHaveTextContent("Ran a dry run");
    expect(items[4]).toHaveTextContent("Started a sync");
    expect(items[5]).toHaveTextContent("Disconnected the directory Acme Okta");
  });

  it("reads entries written before details were recorded", () => {
    expect(describeAudit("configuration.updated", { enabled: true, mapping: {} })).toEqual({ summary: "Changed the sync settings", changes: [] });
    expect(describeAudit("assignment.changed", { assigned: true, count: 3, directoryUserIds: ["a", "b", "c"] }).summary).toBe("Assigned 3 people");
    expect(describeAudit("configuration.updated", { changes: [] }).summary).toBe("Saved the sync settings (nothing changed)");
    expect(describeAudit("something.new", {}).summary).toBe("something.new");
  });

  it("says whose role the directory changed, and to what", () => {
    expect(describeAudit("user.role_changed", { email: "ada@x.example", from: "MEMBER", to: "COMPANY_ADMIN" })).toEqual({
      summary: "Changed the role of ada@x.example from the directory",
      changes: [{ label: "Role", from: "Member", to: "Company administrator" }],
    });
    expect(describeAudit("user.role_changed", { email: "bo@x.example", from: null, to: "MEMBER" }).summary).toBe("Created bo@x.example as Member");
    expect(describeAudit("configuration.updated", { changes: [{ field: "groupRules.adminGroups", from: null, to: "IT-Admins" }] }).changes).toEqual([
      { label: "Company administrators are members of", from: "not set", to: "IT-Admins" },
    ]);
  });
});
