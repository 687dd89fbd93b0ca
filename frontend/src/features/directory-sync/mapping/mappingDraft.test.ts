import { describe, expect, it } from "vitest";
import { coverageText, draftFromConfig, draftProblems, draftToInput, sameMapping } from "./mappingDraft";

const saved = {
  firstName: "/first_name",
  lastName: "/last_name",
  email: "/email",
  jobTitle: null,
  department: "/custom_attributes/department_name",
  division: null,
  office: null,
  tags: ["/custom_attributes/tags"],
  valueAliases: [{ field: "department", from: "Eng", to: "Engineering" }],
};

describe("mapping draft", () => {
  it("opens the saved mapping with empty slots", () => {
    const d = draftFromConfig(saved);
    expect(d.jobTitle).toBe("");
    expect(d.tags).toEqual(["/custom_attributes/tags", "", ""]);
  });

  it("saves unmapped fields as null, drops empty tag slots and half-filled aliases", () => {
    const d = draftFromConfig(saved);
    d.tags[2] = " /custom_attributes/employee_type ";
    d.valueAliases.push({ field: "tags", from: "", to: "" });
    expect(draftToInput(d)).toEqual({
      ...saved,
      tags: ["/custom_attributes/tags", "/custom_attributes/employee_type"],
    });
  });

  it("compares drafts by what they save", () => {
    const a = draftFromConfig(saved);
    const b = draftFromConfig(saved);
    b.valueAliases.push({ field: "office", from: "", to: "" });
    expect(sameMapping(a, b)).toBe(true);
    b.office = "/custom_attributes/office_name";
    expect(sameMapping(a, b)).toBe(false);
  });

  it("finds what blocks a save", () => {
    const d = draftFromConfig(saved);
    expect(draftProblems(d)).toEqual([]);
    d.email = "";
    d.tags = ["/a", "/a", ""];
    d.valueAliases = [{ field: "office", from: "BER", to: "" }];
    expect(draftProblems(d)).toEqual([
      "Email must be mapped.",
      "The same attribute is picked for two tags.",
      "Alias 1 needs both a directory value and a value to use.",
    ]);
  });

  it("writes coverage", () => {
    expect(coverageText(812, 1000)).toMatch(/^812 of 1[,.\s]?000 users \(81%\)$/);
    expect(coverageText(3, 0)).toBe("3 users");
  });
});
