import type { PeopleSearchQuery } from "../../gql/graphql";

/** A person row as Power Search returns it. */
export type Person = PeopleSearchQuery["users"]["edges"][number]["node"];

/** The results table; on narrow screens each row is a card (app.css, .cards-narrow). */
export function PeopleTable({ people, busy }: { people: Person[]; busy: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data-table cards-narrow people-table" aria-busy={busy} aria-describedby="people-summary">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Title</th>
            <th scope="col">Department</th>
            <th scope="col">Division</th>
            <th scope="col">Office</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                {p.name}
                {p.status === "INACTIVE" && <span className="badge neutral status-badge">Inactive</span>}
              </th>
              <td data-label="Email" className="email">{p.email}</td>
              <td data-label="Title">{p.jobTitle ?? ""}</td>
              <td data-label="Department">{p.department ?? ""}</td>
              <td data-label="Division">{p.division ?? ""}</td>
              <td data-label="Office">{p.office?.name ?? ""}</td>
              <td data-label="Tags">
                {p.tagValues.map((t, i) => (
                  <span key={`${t.field}:${t.value}:${i}`} className="tag" title={t.label || undefined}>
                    {t.value}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
