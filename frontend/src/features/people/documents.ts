import { graphql } from "../../gql";

/** One page of Power Search; facets only on the first page. */
export const PeopleSearchQuery = graphql(`
  query PeopleSearch($filter: UserFilter, $first: Int!, $after: String, $withFacets: Boolean!) {
    users(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          email
          jobTitle
          department
          division
          office {
            id
            name
          }
          status
          tags
          tagValues {
            field
            label
            value
          }
        }
      }
      facets @include(if: $withFacets) {
        departments {
          value
          label
          count
        }
        divisions {
          value
          label
          count
        }
        offices {
          value
          label
          count
        }
        tags {
          value
          label
          count
        }
        tagFields {
          field
          label
          values {
            value
            label
            count
          }
        }
      }
    }
  }
`);

/** The company's offices, for office slugs in the People URL and office names on chips. */
export const PeopleOfficesQuery = graphql(`
  query PeopleOffices {
    offices {
      id
      name
    }
  }
`);
