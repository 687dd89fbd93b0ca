// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ChangesTable, type Change } from "./ChangesTable";

describe("ChangesTable", () => {
  it("reads a role change with role labels and other fields by their names", () => {
    const changes = [
      {
        action: "UPDATE",
        userId: "u1",
        directoryUserId: "du1",
        email: "ada@x.example",
        name: "Ada",
        fields: [
          { field: "department", from: "Eng", to: "Research" },
          { field: "role", from: "MEMBER", to: "COMPANY_ADMIN" },
        ],
      },
      { action: "CREATE", userId: null, directoryUserId: "du2", email: "bob@x.example", name: "Bob", fields: [{ field: "role", from: null, to: "MEMBER" }] },
    ] as unknown as Change[];
    render(<ChangesTable changes={changes} caption="What the next sync would change" />);
    const [adaRole, bobRole] = screen.getAllByText("Role").map((el) => el.parentElement?.textContent);
    expect(adaRole).toBe("Role: Member → Company administrator");
    expect(bobRole).toBe("Role: empty → Member");
    expect(screen.getByText("Department").parentElement?.textContent).toBe("Department: Eng → Research");
  });
});
