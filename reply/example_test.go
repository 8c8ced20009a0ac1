package reply_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/replykit/replykit/reply"
	"github.com/replykit/replykit/reply/replytest"
)

// Examples have no testing.T, hence context.Background() (elsewhere tests use t.Context()).
func Example() {
	srv := replytest.NewServer()
	defer srv.Close()
	ctx := context.Background()

	c, err := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithClock(srv.Clock()))
	if err != nil {
		panic(err)
	}
	created, err := c.Contacts.Create(ctx, reply.ContactCreate{Email: "ann@example.com", FirstName: "Ann"})
	if err != nil {
		panic(err)
	}
	for contact, err := range c.Contacts.List(ctx, &reply.ContactListOptions{Limit: 10}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(contact.ID == created.ID, contact.Email)
	}
	_, err = c.Contacts.Get(ctx, 999999)
	fmt.Println(errors.Is(err, reply.ErrNotFound))
	fmt.Println(c.Stats().ByEndpoint["GET /v3/contacts"])
	// Output:
	// true ann@example.com
	// true
	// 1
}

func ExampleBulkResult() {
	srv := replytest.NewServer()
	defer srv.Close()
	ctx := context.Background()
	c, _ := reply.NewClient(srv.Key, reply.WithBaseURL(srv.URL), reply.WithClock(srv.Clock()))

	list, _ := c.ContactLists.Create(ctx, reply.ContactListCreate{Name: "Leads"})
	ann, _ := c.Contacts.Create(ctx, reply.ContactCreate{Email: "ann@example.com"})
	failed, err := c.ContactLists.AddContacts(ctx, int64(list.ID), []int64{int64(ann.ID), 424242})
	if err != nil {
		panic(err)
	}
	for id, e := range failed {
		fmt.Println(id, e.Code)
	}
	// Output:
	// 424242 contactNotProcessed
}
