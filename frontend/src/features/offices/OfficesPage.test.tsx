// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callsOf, fakeGraphql, renderWithClient } from "../../test/fakeGraphql";
import { ViewerProvider } from "../auth/ViewerContext";
import { OfficesPage } from "./OfficesPage";
import { parseAliases } from "./aliases";

const admin = () => ({
  data: { viewer: { isCompanyAdmin: true, user: { id: "u1", name: "Ada Admin", email: "admin@acme.example" }, company: { id: "c1", name: "Acme" } } },
});

describe("parseAliases", () => {
  it.each([
    ["", []],
    ["SYD", ["SYD"]],
    [" Sydney HQ , syd, SYD ,,", ["Sydney HQ", "syd"]],
  ])("%j", (text, want) => expect(parseAliases(text)).toEqual(want));
});

describe("OfficesPage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("creates, edits and deletes offices; an office people are in cannot be deleted", { timeout: 30_000 }, async () => {
    let offices = [
      { id: "o1", name: "Berlin", aliases: ["BER"], userCount: 12 },
      { id: "o2", name: "Oslo", aliases: [], userCount: 0 },
    ];
    const calls = fakeGraphql({
      Viewer: admin,
      Offices: () => ({ data: { offices } }),
      CreateOffice: (v) => {
        const input = v.input as { name: string; aliases: string[] };
        const o = { id: "o3", name: input.name, aliases: input.aliases, userCount: 0 };
        offices = [...offices, o];
        return { data: { createOffice: o } };
      },
      UpdateOffice: (v) => {
        const input = v.input as { id: string; name: string; aliases: string[] };
        offices = offices.map((o) => (o.id === input.id ? { ...o, name: input.name, aliases: input.aliases } : o));
        return { data: { updateOffice: offices.find((o) => o.id === input.id) } };
      },
      DeleteOffice: (v) => {
        offices = offices.filter((o) => o.id !== v.id);
        return { data: { deleteOffice: true } };
      },
    });
    vi.spyOn(window, "confirm").mockReturnValue(true);
    const user = userEvent.setup();
    renderWithClient(
      <ViewerProvider>
        <OfficesPage />
      </ViewerProvider>,
    );
    const list = await screen.findByRole("list", { name: "Offices" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("12 people")).toBeInTheDocument();
    expect(within(rows[0]!).getByRole("button", { name: "Delete" })).toBeDisabled();

    await user.type(screen.getByLabelText("New office name"), "Sydney");
    await user.type(screen.getByLabelText("Directory values (aliases, comma-separated)", { selector: "#new-office-aliases" }), "SYD, Sydney HQ");
    await user.click(screen.getByRole("button", { name: "Create office" }));
    expect(await screen.findByText("Created Sydney.")).toBeInTheDocument();
    expect(callsOf(calls, "CreateOffice")[0]?.variables.input).toEqual({ name: "Sydney", aliases: ["SYD", "Sydney HQ"] });

    const oslo = (await screen.findByDisplayValue("Oslo")).closest("li")!;
    const osloAliases = within(oslo as HTMLElement).getByLabelText(/aliases/);
    await user.type(osloAliases, "OSL");
    await user.click(within(oslo as HTMLElement).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved Oslo.")).toBeInTheDocument();
    expect(callsOf(calls, "UpdateOffice")[0]?.variables.input).toEqual({ id: "o2", name: "Oslo", aliases: ["OSL"] });

    const del = within(oslo as HTMLElement).getByRole("button", { name: "Delete" });
    expect(del).toBeEnabled();
    await user.click(del);
    await vi.waitFor(() => expect(callsOf(calls, "DeleteOffice")).toHaveLength(1));
    expect(await screen.findByText("Deleted Oslo.")).toBeInTheDocument();
    expect(callsOf(calls, "DeleteOffice")[0]?.variables).toEqual({ id: "o2" });
  });
});
