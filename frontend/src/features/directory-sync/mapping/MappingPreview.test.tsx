// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeGraphql, renderWithClient } from "../../../test/fakeGraphql";
import type { MappingDraft } from "./mapUser";
import { MappingPreview, type SampleUser } from "./MappingPreview";

const draft: MappingDraft = {
  firstName: "/first_name",
  lastName: "/last_name",
  email: "/email",
  jobTitle: "",
  department: "",
  division: "",
  office: "",
  tags: [],
  valueAliases: [],
};

const user = (id: string, email: string, role: SampleUser["preview"]): SampleUser => ({
  id,
  email,
  firstName: id,
  lastName: null,
  attributes: { email, first_name: id },
  preview: role,
});

describe("MappingPreview", () => {
  beforeEach(() => fakeGraphql({ Offices: () => ({ data: { offices: [] } }) }));
  afterEach(() => vi.unstubAllGlobals());

  it("shows the role the group rules give each user", () => {
    renderWithClient(
      <MappingPreview
        users={[user("Ada", "ada@x.example", { role: "COMPANY_ADMIN" }), user("Bob", "bob@x.example", { role: "MEMBER" })]}
        mapping={draft}
        offices={[]}
      />,
    );
    const table = screen.getByRole("table", { name: "Mapping preview" });
    expect(within(table).getByRole("columnheader", { name: "Role" })).toBeInTheDocument();
    expect(within(screen.getByRole("row", { name: /ada@x\.example/ })).getByText("Company administrator")).toBeInTheDocument();
    expect(within(screen.getByRole("row", { name: /bob@x\.example/ })).getByText("Member")).toBeInTheDocument();
  });

  it("has no role column when roles are not managed", () => {
    renderWithClient(<MappingPreview users={[user("Ada", "ada@x.example", { role: null }), user("Bob", "bob@x.example", null)]} mapping={draft} offices={[]} />);
    expect(screen.queryByRole("columnheader", { name: "Role" })).not.toBeInTheDocument();
  });
});
