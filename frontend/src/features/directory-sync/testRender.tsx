import { Route, Routes } from "react-router";
import { renderWithClient, type FakeHandler } from "../../test/fakeGraphql";
import { ViewerProvider } from "../auth/ViewerContext";
import { DirectorySyncRoutes } from "./DirectorySyncRoutes";

/** The Viewer query's answer for Ada, a company administrator (or, with admin false, a member). */
export const viewerOf =
  (admin = true): FakeHandler =>
  () => ({
    data: { viewer: { isCompanyAdmin: admin, user: { id: "u1", name: "Ada Admin", email: "admin@acme.example" }, company: { id: "c1", name: "Acme Corp" } } },
  });

/** Renders the Directory Sync settings pages at url, as the app routes them. */
export function renderDirectorySync(url = "/settings/directory-sync") {
  return renderWithClient(
    <ViewerProvider>
      <Routes>
        <Route path="/settings/directory-sync/*" element={<DirectorySyncRoutes />} />
      </Routes>
    </ViewerProvider>,
    url,
  );
}
