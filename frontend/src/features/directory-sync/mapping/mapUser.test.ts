import { describe, expect, it } from "vitest";
import { mapUser, matchOffice, type MappingDraft, type OfficeRef } from "./mapUser";

const base: MappingDraft = {
  firstName: "/first_name",
  lastName: "/last_name",
  email: "/email",
  jobTitle: "/custom_attributes/job_title",
  department: "/custom_attributes/department_name",
  division: "/custom_attributes/division_name",
  office: "",
  tags: [],
  valueAliases: [],
};

const offices: OfficeRef[] = [
  { id: "o1", name: "Berlin", aliases: ["BER", "Berlin HQ"] },
  { id: "o2", name: "New York", aliases: [] },
];

const doc = {
  first_name: "  Ada ",
  last_name: "Lovelace",
  email: "Ada@Example.COM",
  custom_attributes: {
    job_title: ["Engineer"],
    department_name: "Eng",
    division_name: "",
    office_name: "berlin hq",
    tags: ["remote", " Remote ", "oncall", { nested: true }],
    employee_number: 42,
    manager: { name: "x" },
    cost_centers: ["a", "b"],
  },
};

describe("mapUser", () => {
  it("maps with the defaults: trims, lower-cases email, unwraps one-element arrays, drops empty values", () => {
    const r = mapUser(doc, base, offices);
    expect(r).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      jobTitle: "Engineer",
      department: "Eng",
      division: null,
      officeValue: null,
      office: null,
      tags: [],
      problems: [],
    });
  });

  it("applies aliases case-insensitively per field", () => {
    const r = mapUser(doc, { ...base, valueAliases: [{ field: "department", from: " ENG", to: "Engineering" }, { field: "division", from: "eng", to: "x" }] }, offices);
    expect(r.department).toBe("Engineering");
  });

  it("matches offices by name or alias", () => {
    const r = mapUser(doc, { ...base, office: "/custom_attributes/office_name" }, offices);
    expect(r.officeValue).toBe("berlin hq");
    expect(r.office?.id).toBe("o1");
    expect(matchOffice("NEW YORK", offices)?.id).toBe("o2");
    expect(matchOffice("Paris", offices)).toBeNull();
  });

  it("reports an unmatched office value", () => {
    const r = mapUser({ o: "Paris" }, { ...base, office: "/o" }, offices);
    expect(r.officeValue).toBe("Paris");
    expect(r.office).toBeNull();
    expect(r.problems).toEqual(['Office: "Paris" matches no office']);
  });

  it("gives one tag per array element, deduplicated, aliased, skipping nested values", () => {
    const r = mapUser(
      doc,
      {
        ...base,
        tags: ["/custom_attributes/tags", "/custom_attributes/employee_number", "/custom_attributes/missing", ""],
        valueAliases: [{ field: "tags", from: "oncall", to: "On call" }],
      },
      offices,
    );
    expect(r.tags).toEqual(["remote", "On call", "42"]);
  });

  it("reports values of the wrong type and leaves the field empty", () => {
    const r = mapUser(
      doc,
      { ...base, department: "/custom_attributes/manager", division: "/custom_attributes/cost_centers", tags: ["/custom_attributes/manager"] },
      offices,
    );
    expect(r.department).toBeNull();
    expect(r.division).toBeNull();
    expect(r.problems).toEqual([
      "Department: /custom_attributes/manager holds an object; a single text value is needed",
      "Division: /custom_attributes/cost_centers holds an array of 2 values; a single text value is needed",
      "Tags: /custom_attributes/manager holds an object; a text value or an array of them is needed",
    ]);
  });

  it("turns numbers and booleans into text", () => {
    const r = mapUser({ n: 7, b: false }, { ...base, firstName: "/n", lastName: "/b" }, offices);
    expect(r.firstName).toBe("7");
    expect(r.lastName).toBe("false");
  });
});
