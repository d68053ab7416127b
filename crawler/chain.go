package crawler

// Hop is one step of a redirect chain.
type Hop struct {
	URL      string `json:"url"`
	Status   int    `json:"status"`
	Location string `json:"location"`
}

// Chain is the path from a URL through its redirects to where it ends.
type Chain struct {
	Hops    []Hop  // one per redirect response, in order
	Final   *Fetch // the fetch the chain ends on; nil if it was never fetched
	Loop    bool   // the chain comes back to a URL it already passed
	TooLong bool   // the chain has more hops than the limit
}

// Chain follows the redirects from u through the fetch table, up to maxHops
// hops.
func (s *Site) Chain(u string, maxHops int) Chain {
	var ch Chain
	for {
		f := s.Fetches[u]
		if f == nil {
			return ch
		}
		for _, h := range ch.Hops { // chains are short: no map needed
			if h.URL == u {
				ch.Loop = true
				return ch
			}
		}
		if !f.Redirect() || f.Location == "" {
			ch.Final = f
			return ch
		}
		if len(ch.Hops) == maxHops {
			ch.TooLong = true
			ch.Final = f
			return ch
		}
		ch.Hops = append(ch.Hops, Hop{URL: f.URL, Status: f.Status, Location: f.Location})
		if f.ErrKind != ErrNone {
			// A redirect that was not followed (other scheme, hop limit).
			ch.Final = f
			ch.TooLong = f.ErrKind == ErrTooManyHops
			return ch
		}
		u = f.Location
	}
}
