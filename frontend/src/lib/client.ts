import { Client, cacheExchange, fetchExchange, mapExchange } from "urql";
import { hasErrorCode } from "./errors";

/** Options of the app's GraphQL client. */
export interface ClientOptions {
  /** Bearer token sent with every request. */
  token: string;
  /** Called when the server says the token is no longer valid. */
  onUnauthenticated: () => void;
  /** GraphQL endpoint; /graphql by default. */
  url?: string;
}

/** Builds the urql client for one signed-in session. */
export function createClient({ token, onUnauthenticated, url = "/graphql" }: ClientOptions): Client {
  return new Client({
    url,
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({ headers: { Authorization: `Bearer ${token}` } }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (hasErrorCode(error, "UNAUTHENTICATED")) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
