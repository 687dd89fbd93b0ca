import { describe, expect, it } from "vitest";
import { attributeGroup, attributeLabel, foldedPath, matchesSearch, pickerAttributes } from "./attributeLabels";

describe("attributeLabel", () => {
  it.each([
    ["/first_name", "First name"],
    ["/job_title", "Job title"],
    ["/custom_attributes/department", "Department name"],
    ["/custom_attributes/cost_center_name", "Cost center name"],
    ["/custom_attributes/costCenter", "Cost center"],
    ["/custom_attributes/manager_email", "Manager's email"],
    ["/emails/0/value", "Emails (first) › value"],
    ["/custom_attributes/addresses/1/locality", "Addresses (second) › City"],
    ["/raw_attributes/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department", "User › Department name"],
    ["/raw_attributes/hireDate", "Hire date"],
    ["/a~1b", "A/b"],
    ["not a pointer", "not a pointer"],
  ])("%s reads %s", (path, want) => {
    expect(attributeLabel(path)).toBe(want);
  });
});

describe("attributeGroup and foldedPath", () => {
  it.each([
    ["/email", "standard", "/email"],
    ["/emails/2/value", "standard", "/emails/0/value"],
    ["/custom_attributes/teams/10", "custom", "/custom_attributes/teams/0"],
    ["/raw_attributes/x10", "provider", "/raw_attributes/x10"],
  ])("%s is %s, folded %s", (path, group, folded) => {
    expect(attributeGroup(path)).toBe(group);
    expect(foldedPath(path)).toBe(folded);
  });
});

describe("pickerAttributes", () => {
  const attrs = [
    { path: "/raw_attributes/dept", userCount: 90, samples: ["R&D"] },
    { path: "/emails/1/value", userCount: 20, samples: [] },
    { path: "/custom_attributes/department", userCount: 80, samples: ["Engineering"] },
    { path: "/emails/0/value", userCount: 100, samples: ["ann@acme.test"] },
    { path: "/tags/3", userCount: 5, samples: [] },
  ];

  it("folds index variants into their first, groups standard, custom, provider, most covered first", () => {
    expect(pickerAttributes(attrs, "").map((a) => a.path)).toEqual([
      "/emails/0/value",
      "/tags/3", // no /tags/0 discovered: kept
      "/custom_attributes/department",
      "/raw_attributes/dept",
    ]);
  });

  it("keeps a folded variant that is the current value", () => {
    expect(pickerAttributes(attrs, "/emails/1/value").map((a) => a.path)).toContain("/emails/1/value");
  });

  it("searches labels, pointers and samples", () => {
    const listed = pickerAttributes(attrs, "");
    expect(listed.filter((a) => matchesSearch(a, "engin")).map((a) => a.path)).toEqual(["/custom_attributes/department"]);
    expect(listed.filter((a) => matchesSearch(a, "raw_attr")).map((a) => a.path)).toEqual(["/raw_attributes/dept"]);
    expect(listed.filter((a) => matchesSearch(a, "department")).map((a) => a.path)).toEqual(["/custom_attributes/department"]);
    expect(listed.filter((a) => matchesSearch(a, " ")).length).toBe(listed.length);
  });
});
