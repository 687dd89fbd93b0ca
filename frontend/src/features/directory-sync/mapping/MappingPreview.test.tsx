// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeGraphql, renderWithClient } from "../../../test/fakeGraphql";
import type { MappingDraft } from "./mapUser";
import type { GroupRulesDraft } from "./mappingDraft";
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
  valueAliases: [{ field: "tags", from: "eng-berlin", to: "Berlin-Eng" }],
};

const eng = { id: "g1", name: "eng-berlin", memberCount: 2 };
const it_ = { id: "g2", name: "IT-Admins", memberCount: 1 };
const sales = { id: "g3", name: "Sales", memberCount: 1 };

const rules = (over: Partial<GroupRulesDraft>): GroupRulesDraft => ({ asTags: "none", tagGroups: [], syncOnly: [], admins: [], adminRoleSlugs: [], ...over });

const user = (id: string, email: string, groups: { id: string; name: string }[], extra: object = {}): SampleUser => ({
  id,
  email,
  firstName: id,
  lastName: null,
  attributes: { email, first_name: id, ...extra },
  groups,
});

const ada = user("Ada", "ada@x.example", [eng, it_]);
const bob = user("Bob", "bob@x.example", [sales], { role: { slug: "member" }, roles: [{ slug: "member" }, { slug: "helpdesk" }] });
const cy = user("Cy", "cy@x.example", [eng]);

const row = (email: string) => screen.getByRole("row", { name: new RegExp(email.replace(".", "\\.")) });

describe("MappingPreview", () => {
  beforeEach(() => fakeGraphql({ Offices: () => ({ data: { offices: [] } }) }));
  afterEach(() => vi.unstubAllGlobals());

  it("shows the role the draft's admin groups and role slugs give each user", () => {
    renderWithClient(<MappingPreview users={[ada, bob, cy]} mapping={draft} offices={[]} groupRules={rules({ admins: [it_], adminRoleSlugs: ["helpdesk"] })} />);
    const table = screen.getByRole("table", { name: "Mapping preview" });
    expect(within(table).getByRole("columnheader", { name: "Role" })).toBeInTheDocument();
    expect(within(row("ada@x.example")).getByText("Company administrator")).toBeInTheDocument();
    expect(within(row("bob@x.example")).getByText("Company administrator")).toBeInTheDocument();
    expect(within(row("cy@x.example")).getByText("Member")).toBeInTheDocument();
  });

  it("has no role column when roles are not managed", () => {
    renderWithClient(<MappingPreview users={[ada, bob]} mapping={draft} offices={[]} groupRules={rules({ asTags: "all" })} />);
    expect(screen.queryByRole("columnheader", { name: "Role" })).not.toBeInTheDocument();
  });

  it.each([
    ["all groups", rules({ asTags: "all" }), ["Berlin-Eng", "IT-Admins"], ["Sales"]],
    ["chosen groups", rules({ asTags: "chosen", tagGroups: [eng] }), ["Berlin-Eng"], []],
    ["no groups", rules({}), [], []],
  ])("shows the group tags of %s, after the tag aliases", (_, r, adaTags, bobTags) => {
    renderWithClient(<MappingPreview users={[ada, bob]} mapping={draft} offices={[]} groupRules={r} />);
    const tags = (email: string) => Array.from(row(email).querySelectorAll(".group-tag")).map((e) => e.textContent);
    expect(tags("ada@x.example")).toEqual(adaTags);
    expect(tags("bob@x.example")).toEqual(bobTags);
  });
});
