import { graphql } from "../../gql";

/** The signed-in user, their company and whether they administer it. */
export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      isCompanyAdmin
      user {
        id
        name
        email
      }
      company {
        id
        name
      }
    }
  }
`);
