import { graphql } from "../../gql";

/** The company's offices with how many people are in each. */
export const OfficesQuery = graphql(`
  query Offices {
    offices {
      id
      name
      aliases
      userCount
    }
  }
`);

/** Creates an office. */
export const CreateOfficeMutation = graphql(`
  mutation CreateOffice($input: CreateOfficeInput!) {
    createOffice(input: $input) {
      id
      name
      aliases
      userCount
    }
  }
`);

/** Renames an office or replaces its aliases. */
export const UpdateOfficeMutation = graphql(`
  mutation UpdateOffice($input: UpdateOfficeInput!) {
    updateOffice(input: $input) {
      id
      name
      aliases
      userCount
    }
  }
`);

/** Deletes an office nobody is in. */
export const DeleteOfficeMutation = graphql(`
  mutation DeleteOffice($id: ID!) {
    deleteOffice(id: $id)
  }
`);
