import { NavLink } from "react-router";
import { useViewer } from "../features/auth/ViewerContext";

/** The Settings tabs an admin sees: Directory Sync and Offices. */
export function SettingsNav() {
  const viewer = useViewer();
  if (!viewer.isCompanyAdmin) return null;
  return (
    <nav aria-label="Settings" className="tabs">
      <NavLink to="/settings/directory-sync">Directory Sync</NavLink>
      <NavLink to="/settings/offices">Offices</NavLink>
    </nav>
  );
}
