// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient } from "../../../test/fakeGraphql";
import { RunIssues } from "./RunIssues";

describe("RunIssues", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("groups issues with counts, pages a group on demand and fixes an unmatched office in one step", { timeout: 30_000 }, async () => {
    const groups = [
      { key: "g1", kind: "unmatched_office", value: "Sydney", message: 'office "Sydney" matches no office name or alias', count: 412 },
      { key: "g2", kind: "missing_email", value: null, message: "no email at /email; the user was skipped", count: 3 },
    ];
    const calls = fakeGraphql({
      SyncRunIssueGroups: () => ({ data: { directorySync: { run: { id: "r1", issueGroups: groups } } } }),
      SyncRunGroupIssues: (v) => {
        const first = v.after == null;
        return {
          data: {
            directorySync: {
              run: {
                id: "r1",
                groupIssues: {
                  totalCount: 3,
                  pageInfo: { hasNextPage: first, endCursor: first ? "i1" : "i2" },
                  edges: (first ? ["a@x.example", "b@x.example"] : ["c@x.example"]).map((email, i) => ({
                    cursor: `i${i}`,
                    node: { directoryUserId: `du${i}`, email, message: "no email" },
                  })),
                },
              },
            },
          },
        };
      },
      Offices: () => ({ data: { offices: [{ id: "o1", name: "Berlin", aliases: ["BER"], userCount: 3 }] } }),
      CreateOffice: (v) => ({ data: { createOffice: { id: "o9", name: (v.input as { name: string }).name, aliases: [], userCount: 0 } } }),
    });
    const user = userEvent.setup();
    renderWithClient(<RunIssues runId="r1" issueCount={415} />);
    expect(callsOf(calls, "SyncRunIssueGroups")).toHaveLength(0);
    await user.click(screen.getByText("415 issues"));
    expect(await screen.findByText(/unmatched office · 412 people/)).toBeInTheDocument();
    expect(screen.getByText(/missing email · 3 people/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Show the 3 records" }));
    expect(await screen.findByText("b@x.example")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Show more" }));
    expect(await screen.findByText("c@x.example")).toBeInTheDocument();
    expect(callsOf(calls, "SyncRunGroupIssues").map((c) => c.variables.after ?? null)).toEqual([null, "i1"]);

    await user.click(screen.getByRole("button", { name: "Create office Sydney" }));
    expect(await screen.findByText(/Created the office Sydney\./)).toBeInTheDocument();
    expect(callsOf(calls, "CreateOffice")[0]?.variables.input).toEqual({ name: "Sydney", aliases: [] });
  });
});
