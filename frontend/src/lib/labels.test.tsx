// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DirectoryHealth } from "../features/directory-sync/status/DirectoryHealth";
import { ChangesTable } from "../features/directory-sync/runs/ChangesTable";
import { fakeConnection } from "../features/directory-sync/testData";
import { DirectoryUserRow } from "../features/directory-sync/users/DirectoryUserRow";
import { mapUser } from "../features/directory-sync/mapping/mapUser";
import { renderWithClient } from "../test/fakeGraphql";
import { directoryStateLabel, directoryUserStateLabel, fieldLabel, humanize, roleLabel } from "./labels";

describe("labels", () => {
  it.each([
    ["jobTitle", "Job title"],
    ["firstName", "First name"],
    ["tagFields", "Tag fields"],
    ["office", "Office"],
    ["costCenter", "Cost center"],
    ["cost_center_name", "Cost center name"],
  ])("field %s reads %s", (field, label) => {
    expect(fieldLabel(field)).toBe(label);
  });

  it.each([
    ["linked", "Linked"],
    ["active", "Linked"],
    ["invalid_credentials", "Invalid credentials"],
    ["unlinked", "Inactive"],
    ["deleting", "Being deleted"],
    ["deleted", "Deleted"],
    ["validating", "Validating"],
    ["some_new_state", "Some new state"],
    ["", "Unknown"],
  ])("directory state %s reads %s", (state, label) => {
    expect(directoryStateLabel(state)).toBe(label);
  });

  it.each([
    ["active", "Active"],
    ["inactive", "Inactive"],
    ["suspended", "Suspended"],
    ["", "Unknown"],
  ])("directory user state %s reads %s", (state, label) => {
    expect(directoryUserStateLabel(state)).toBe(label);
  });

  it("humanize keeps what it cannot split", () => {
    expect(humanize("--")).toBe("--");
    expect(humanize("URL")).toBe("Url");
  });
});

describe("the UI shows labels, not raw names", () => {
  it("names the fields of a planned change", () => {
    render(
      <ChangesTable
        caption="Changes"
        changes={[
          {
            action: "UPDATE", userId: "u1", directoryUserId: "du1", email: "ada@x.example", name: "Ada L",
            fields: [{ field: "jobTitle", from: "Engineer", to: null }, { field: "tagFields", from: "Skills", to: "Teams" }, { field: "firstName", from: "Ad", to: "Ada" }],
          },
        ]}
      />,
    );
    const table = screen.getByRole("region", { name: "Changes" });
    for (const label of ["Job title", "Tag fields", "First name"]) expect(within(table).getByText(label)).toBeInTheDocument();
    expect(table.textContent).not.toMatch(/jobTitle|tagFields|firstName/);
  });

  it("names a directory user's state", () => {
    const preview = { firstName: null, lastName: null, email: null, jobTitle: null, department: null, division: null, officeValue: null, office: null, tags: [], issues: [] };
    render(
      <table>
        <tbody>
          <DirectoryUserRow
            user={{ id: "du1", email: "cy@x.example", firstName: "Cy", lastName: "M", state: "inactive", assigned: false, groups: [], user: null, preview }}
            selected={false}
            onSelect={() => undefined}
            onAssign={() => undefined}
            busy={false}
          />
        </tbody>
      </table>,
    );
    expect(screen.getByText("Inactive")).toBeInTheDocument();
    expect(screen.queryByText("inactive")).toBeNull();
  });

  it("names the state of another directory of the organization", () => {
    renderWithClient(
      <DirectoryHealth
        connection={{ ...fakeConnection, otherDirectories: [{ id: "d2", providerName: "BambooHR", name: "HR", state: "invalid_credentials" }] }}
        onChanged={() => undefined}
      />,
    );
    const list = screen.getByRole("region", { name: "Other directories of your organization" });
    expect(list).toHaveTextContent("HR (BambooHR, Invalid credentials)");
    expect(list.textContent).not.toMatch(/invalid_credentials/);
  });

  it("names the field of a mapping problem in the preview", () => {
    const mapping = { firstName: "", lastName: "", email: "", jobTitle: "/title", department: "", division: "", office: "", tags: [], valueAliases: [] };
    expect(mapUser({ title: { a: 1 } }, mapping, []).problems).toEqual(["Job title: /title holds an object; a single text value is needed"]);
  });
});

describe("roleLabel", () => {
  it("names roles in any case, unknown ones as stored", () => {
    expect(roleLabel("COMPANY_ADMIN")).toBe("Company administrator");
    expect(roleLabel("company_admin")).toBe("Company administrator");
    expect(roleLabel("MEMBER")).toBe("Member");
    expect(roleLabel("OWNER")).toBe("OWNER");
  });
});
