import { describe, expect, it } from "vitest";
import {
  coverageText, draftFromConfig, draftProblems, draftToInput, groupRulesToInput, keyFromLabel, newTagField, previewMapping, sameMapping,
} from "./mappingDraft";

const noRules = { allGroupsAsTags: false, tagGroups: [], syncOnlyGroups: [], adminGroups: [], adminRoleSlugs: [] };
const mapping = {
  firstName: "/first_name",
  lastName: "/last_name",
  email: "/email",
  jobTitle: null,
  department: "/custom_attributes/department_name",
  division: null,
  office: null,
  tags: ["/custom_attributes/tags"],
  tagFields: [{ key: "tag1", label: "", pointer: "/custom_attributes/tags", fromGroups: false }],
  valueAliases: [{ field: "department", from: "Eng", to: "Engineering" }],
};
const saved = { mapping, groupRules: noRules };
const eng = { id: "g1", name: "Engineering", memberCount: 12 };
const sales = { id: "g2", name: "Sales", memberCount: 4 };

describe("mapping draft", () => {
  it("opens the saved tag fields, an old mapping's unnamed ones included, and saves them as tag fields", () => {
    const d = draftFromConfig(saved);
    expect(d.jobTitle).toBe("");
    expect(d.tagFields).toEqual([{ id: "tag1", key: "tag1", label: "", source: "attribute", pointer: "/custom_attributes/tags" }]);
    expect(draftToInput(d)).not.toHaveProperty("tags");
    expect(draftToInput(d).tagFields).toEqual([{ key: "tag1", label: "", pointer: "/custom_attributes/tags" }]);
  });

  it("saves unmapped fields as null, tag fields with keys, and drops half-filled aliases", () => {
    const d = draftFromConfig(saved);
    d.tagFields[0]!.label = " Skills ";
    d.tagFields.push({ ...newTagField(), label: "Cost center", pointer: " /custom_attributes/cost_center " }, newTagField("groups"));
    d.valueAliases.push({ field: "tags", from: "", to: "" });
    const { tags: _flat, ...rest } = mapping;
    expect(draftToInput(d)).toEqual({
      ...rest,
      tagFields: [
        { key: "tag1", label: "Skills", pointer: "/custom_attributes/tags" },
        { key: "cost-center", label: "Cost center", pointer: "/custom_attributes/cost_center" },
        { key: "groups", label: "Groups", fromGroups: true },
      ],
    });
    expect(previewMapping(d).tags).toEqual(["/custom_attributes/tags", "/custom_attributes/cost_center"]);
  });

  it("makes unique keys for new fields", () => {
    expect(keyFromLabel("Cost center (EU)", new Set())).toBe("cost-center-eu");
    expect(keyFromLabel("São Paulo", new Set())).toBe("sao-paulo");
    expect(keyFromLabel("", new Set(["tag"]))).toBe("tag-2");
    expect(keyFromLabel("Tag 1", new Set(["tag-1"]))).toBe("tag-1-2");
    const d = draftFromConfig(saved);
    d.tagFields.push({ ...newTagField(), label: "Tag1", pointer: "/x" }, { ...newTagField(), label: "tag1", pointer: "/y" });
    expect(draftToInput(d).tagFields?.map((f) => f.key)).toEqual(["tag1", "tag1-2", "tag1-3"]);
  });

  it("opens and saves the group rules", () => {
    const d = draftFromConfig({ mapping, groupRules: { allGroupsAsTags: false, tagGroups: [eng], syncOnlyGroups: [sales], adminGroups: [eng], adminRoleSlugs: ["admin"] } });
    expect(d.groupRules.asTags).toBe("chosen");
    expect(groupRulesToInput(d.groupRules)).toEqual({
      allGroupsAsTags: false, tagGroupIds: ["g1"], syncOnlyGroupIds: ["g2"], adminGroupIds: ["g1"], adminRoleSlugs: ["admin"],
    });
    d.groupRules.asTags = "all";
    expect(groupRulesToInput(d.groupRules)).toMatchObject({ allGroupsAsTags: true, tagGroupIds: [] });
    expect(draftFromConfig({ mapping, groupRules: { ...noRules, allGroupsAsTags: true } }).groupRules.asTags).toBe("all");
    expect(draftFromConfig(saved).groupRules.asTags).toBe("none");
  });

  it("compares drafts by what they save, group rules included", () => {
    const a = draftFromConfig(saved);
    const b = draftFromConfig(saved);
    b.valueAliases.push({ field: "office", from: "", to: "" });
    expect(sameMapping(a, b)).toBe(true);
    b.groupRules.syncOnly = [sales];
    expect(sameMapping(a, b)).toBe(false);
    b.groupRules.syncOnly = [];
    expect(sameMapping(a, b)).toBe(true);
    b.tagFields[0]!.label = "Skills";
    expect(sameMapping(a, b)).toBe(false);
  });

  it("finds what blocks a save", () => {
    const d = draftFromConfig(saved);
    expect(draftProblems(d)).toEqual([]);
    d.email = "";
    d.tagFields = [
      { ...newTagField(), label: "Skills", pointer: "/a" },
      { ...newTagField(), pointer: "/a" },
      { ...newTagField(), label: "Team" },
      newTagField("groups"),
      newTagField("groups"),
    ];
    d.groupRules.asTags = "chosen";
    d.valueAliases = [{ field: "office", from: "BER", to: "" }];
    expect(draftProblems(d)).toEqual([
      "Email must be mapped.",
      "Tag fields “Skills” and Tag 2 take the same attribute.",
      "Tag field “Team” needs an attribute (or remove it).",
      "Only one tag field can take the directory groups.",
      "Choose the groups that become tags, or pick another option.",
      "Alias 1 needs both a directory value and a value to use.",
    ]);
  });

  it("writes coverage", () => {
    expect(coverageText(812, 1000)).toMatch(/^812 of 1[,.\s]?000 users \(81%\)$/);
    expect(coverageText(3, 0)).toBe("3 users");
  });
});
