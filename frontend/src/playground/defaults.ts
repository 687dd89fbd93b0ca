import { loadToken, type TokenStorage } from "../features/auth/token";

/** The example the playground opens with: a Power Search over the company's people. */
export const EXAMPLE_QUERY = `# Power Search: people whose name or email starts with "an", with facet counts.
# Add filters such as departments: ["Engineering"] or officeIds: [...] to narrow it down.
query PowerSearch($filter: UserFilter) {
  users(filter: $filter, first: 5) {
    totalCount
    edges {
      node { name email jobTitle department office { name } tags }
    }
    facets {
      departments { value count }
      offices { value label count }
    }
  }
}
`;

/** Variables of EXAMPLE_QUERY. */
export const EXAMPLE_VARIABLES = `{
  "filter": { "query": "an" }
}
`;

/**
 * The request headers the playground starts with: the signed-in viewer's bearer token
 * (the app keeps it in this origin's storage), or none when signed out.
 */
export function initialHeaders(storage: TokenStorage = localStorage): string {
  const token = loadToken(storage);
  if (!token) return "";
  return JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
}
