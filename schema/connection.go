package schema

import (
	"github.com/graphql-go/graphql"

	"passerelles/resolvers"
)

func (b *builder) pageInfoType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "PageInfo",
		Description: "Where a page of a connection stands in the whole list (Relay).",
		Fields: graphql.Fields{
			"hasNextPage": prop(nonNull(graphql.Boolean), "Whether more items follow this page.",
				func(p resolvers.PageInfo) any { return p.HasNextPage }),
			"hasPreviousPage": prop(nonNull(graphql.Boolean), "Whether items come before this page.",
				func(p resolvers.PageInfo) any { return p.HasPreviousPage }),
			"startCursor": prop(graphql.String, "Cursor of the first item of the page, null when the page is empty.",
				func(p resolvers.PageInfo) any { return p.StartCursor }),
			"endCursor": prop(graphql.String, "Cursor of the last item of the page: pass it as `after` to get the next page.",
				func(p resolvers.PageInfo) any { return p.EndCursor }),
		},
	})
}

// connection returns (creating once) the Relay connection type of node, named
// <Node>Connection, with its <Node>Edge type.
func (b *builder) connection(node *graphql.Object) *graphql.Object {
	if c, ok := b.connections[node.Name()]; ok {
		return c
	}
	edge := graphql.NewObject(graphql.ObjectConfig{
		Name:        node.Name() + "Edge",
		Description: "One " + node.Name() + " of a page, with its cursor.",
		Fields: graphql.Fields{
			"cursor": prop(nonNull(graphql.String), "Opaque position of this item in the list.",
				func(e resolvers.Edge) any { return e.Cursor }),
			"node": prop(nonNull(node), "The item.", func(e resolvers.Edge) any { return e.Node }),
		},
	})
	c := graphql.NewObject(graphql.ObjectConfig{
		Name:        node.Name() + "Connection",
		Description: "A page of " + node.Name() + " items (Relay connection).",
		Fields: graphql.Fields{
			"edges": prop(listOf(edge), "The items of this page.",
				func(c *resolvers.Connection) any { return c.Edges }),
			"pageInfo": prop(nonNull(b.pageInfo), "Where this page stands.",
				func(c *resolvers.Connection) any { return c.PageInfo }),
			"totalCount": prop(nonNull(graphql.Int), "How many items the whole list holds.",
				func(c *resolvers.Connection) any { return c.TotalCount }),
		},
	})
	b.connections[node.Name()] = c
	return c
}

// pageArgs are the arguments of every connection field, plus extra ones.
func pageArgs(extra graphql.FieldConfigArgument) graphql.FieldConfigArgument {
	args := graphql.FieldConfigArgument{
		"first": &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: 20,
			Description: "How many items to return, from 0 to 100."},
		"after": &graphql.ArgumentConfig{Type: graphql.String,
			Description: "Return the items after this cursor (`pageInfo.endCursor` of the previous page)."},
	}
	for k, v := range extra {
		args[k] = v
	}
	return args
}
