import { useEffect, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useAuth } from "./AuthContext";
import { roleLabel } from "../../lib/labels";
import { fetchDemoUsers, type DemoUsersResult } from "./demoUsers";

/** Where to go after signing in: a same-site path from ?next=, else People. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign-in") ? next : "/people";
}

/** Sign-in: pick a demo user on a dev server; otherwise the signed-out page. */
export function SignInPage() {
  const { notice, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [result, setResult] = useState<DemoUsersResult | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    void fetchDemoUsers().then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => heading.current?.focus(), []);

  const pick = (token: string) => {
    signIn(token);
    void navigate(safeNext(params.get("next")), { replace: true });
  };

  return (
    <main className="signin" aria-labelledby="signin-title">
      <h1 id="signin-title" ref={heading} tabIndex={-1}>
        {result?.kind === "none" ? "You are signed out" : "Sign in to OfficeTogether"}
      </h1>
      {notice && (
        <p role="alert" className="notice">
          {notice}
        </p>
      )}
      {result === null && <p aria-live="polite">Loading…</p>}
      {result?.kind === "none" && (
        <p>Open OfficeTogether from your company's platform to sign in again.</p>
      )}
      {result?.kind === "error" && (
        <p role="alert" className="error">
          Sign-in is not available right now. Reload the page to try again.
        </p>
      )}
      {result?.kind === "demo" && (
        <>
          <p>This is a development server. Choose a demo user:</p>
          <ul className="demo-users">
            {result.users.map((u) => (
              <li key={u.email}>
                <button type="button" className="demo-user" onClick={() => pick(u.token)}>
                  <span className="demo-name">{u.name}</span>
                  <span className="muted">
                    {u.email} · {roleLabel(u.role)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
