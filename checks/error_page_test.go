package checks

import (
	"context"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

// TestErrorPageIDIgnoresTheProbePath audits two sites that answer the
// probe alike but were probed at different random paths: the findings must
// have the same IDs (a nightly baseline sees them persist), no target, and
// the probed URL in their evidence.
func TestErrorPageIDIgnoresTheProbePath(t *testing.T) {
	run := func(path string) []Finding {
		t.Helper()
		s := site(nil, page("/"))
		s.ErrorPage = &crawler.ErrorProbe{URL: host + crawler.ErrorProbePrefix + path, Status: 200}
		res, err := ErrorPage{}.CheckSite(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 2 {
			t.Fatalf("findings %+v, want soft-404 and no-way-back", res.Findings)
		}
		return res.Findings
	}
	a, b := run("0123456789abcdef"), run("fedcba9876543210")
	for i := range a {
		if a[i].ID != b[i].ID {
			t.Errorf("%s: IDs %s and %s differ with the probe path", a[i].Evidence.Kind, a[i].ID, b[i].ID)
		}
		if a[i].Target != "" || a[i].URL != "" {
			t.Errorf("%s: target %q, url %q: the random path must stay out of them", a[i].Evidence.Kind, a[i].Target, a[i].URL)
		}
		if want := host + crawler.ErrorProbePrefix + "0123456789abcdef"; len(a[i].Evidence.Items) != 1 || a[i].Evidence.Items[0] != want {
			t.Errorf("%s: evidence items %q, want the probed URL %q", a[i].Evidence.Kind, a[i].Evidence.Items, want)
		}
	}
	if a[0].ID == a[1].ID {
		t.Error("soft-404 and no-way-back must have distinct IDs")
	}
}
