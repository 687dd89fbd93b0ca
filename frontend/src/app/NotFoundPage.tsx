import { Link } from "react-router";
import { PageTitle } from "./PageTitle";

/** Unknown client routes. */
export function NotFoundPage() {
  return (
    <section>
      <PageTitle>Page not found</PageTitle>
      <p>
        There is nothing here. Go to <Link to="/people">People</Link>.
      </p>
    </section>
  );
}
