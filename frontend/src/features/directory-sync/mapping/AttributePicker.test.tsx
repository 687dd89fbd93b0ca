// @vitest-environment jsdom
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AttributePicker, type Attribute } from "./AttributePicker";

const attributes: Attribute[] = [
  { path: "/first_name", userCount: 100, samples: ["Ann"] },
  { path: "/emails/0/value", userCount: 100, samples: ["ann@acme.test"] },
  { path: "/emails/1/value", userCount: 12, samples: ["a@home.test"] },
  { path: "/custom_attributes/department", userCount: 97, samples: ["Engineering", "Sales"] },
  { path: "/custom_attributes/cost_center_name", userCount: 80, samples: ["40100 Engineering"] },
  { path: "/custom_attributes/employment_type", userCount: 60, samples: ["Full Time"] },
  { path: "/custom_attributes/office_name", userCount: 90, samples: ["Berlin"] },
  { path: "/custom_attributes/manager_email", userCount: 70, samples: [] },
  { path: "/raw_attributes/division", userCount: 50, samples: ["EMEA"] },
  { path: "/raw_attributes/hireDate", userCount: 40, samples: ["2020-01-01"] },
];

function Harness({ initial = "" }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <AttributePicker label="Department" value={value} attributes={attributes} totalUsers={100} onChange={setValue} />
      <output aria-label="picked">{value}</output>
    </>
  );
}

describe("AttributePicker", () => {
  it("lists friendly names in groups with coverage, folds index variants, shows the pointer", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const select = screen.getByLabelText("Department");
    const groups = within(select).getAllByRole("group").map((g) => g.getAttribute("label"));
    expect(groups).toEqual(["Standard fields", "Custom attributes", "Provider attributes (as the identity provider sends them)"]);
    expect(within(select).getByRole("option", { name: "Department name · 97%" })).toBeInTheDocument();
    expect(within(select).queryByRole("option", { name: /second/ })).toBeNull();
    await user.selectOptions(select, "/custom_attributes/department");
    expect(screen.getByLabelText("picked")).toHaveTextContent("/custom_attributes/department");
    expect(screen.getByText("/custom_attributes/department", { selector: "code" })).toBeInTheDocument();
    expect(screen.getByText(/97 of 100 users/)).toHaveTextContent("“Engineering”, “Sales”");
  });

  it("searches by name, pointer and sample", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const search = screen.getByLabelText("Search attributes for Department");
    const select = screen.getByLabelText("Department");
    await user.type(search, "berlin");
    expect(within(select).getAllByRole("option").map((o) => o.getAttribute("value"))).toEqual(["", "/custom_attributes/office_name"]);
    await user.clear(search);
    await user.type(search, "zzz");
    expect(screen.getByText("No attribute matches “zzz”.")).toHaveAttribute("role", "status");
  });

  it("takes a raw pointer in Advanced and refuses one that is not a pointer", async () => {
    const user = userEvent.setup();
    render(<Harness initial="/custom_attributes/department" />);
    await user.click(screen.getByText("Advanced"));
    const raw = screen.getByLabelText("Department: JSON Pointer");
    await user.clear(raw);
    await user.type(raw, "custom_attributes/x{Enter}");
    expect(raw).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/Not a JSON Pointer/)).toBeInTheDocument();
    expect(screen.getByLabelText("picked")).toHaveTextContent("/custom_attributes/department");
    await user.clear(raw);
    await user.type(raw, "/custom_attributes/squad{Enter}");
    expect(screen.getByLabelText("picked")).toHaveTextContent("/custom_attributes/squad");
    expect(within(screen.getByLabelText("Department")).getByRole("option", { name: "Squad (not in the directory)" })).toBeInTheDocument();
  });
});
