package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const loginSecret = "s3cret-Pa55"

// membersSite is a site whose /account page needs the session cookie that
// a login at /login sets. The form carries a CSRF token bound to a cookie,
// as real frameworks do.
type membersSite struct {
	*httptest.Server
	mu      sync.Mutex
	posts   int
	ext     string // an external site the account page links to
	extSeen func() []string
}

func newMembersSite(t *testing.T, action string) *membersSite {
	t.Helper()
	var extMu sync.Mutex
	var extCookies []string
	ext := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		extMu.Lock()
		extCookies = append(extCookies, r.Header.Get("Cookie"))
		extMu.Unlock()
		fmt.Fprint(w, "external")
	}))
	t.Cleanup(ext.Close)
	m := &membersSite{ext: ext.URL, extSeen: func() []string {
		extMu.Lock()
		defer extMu.Unlock()
		return append([]string(nil), extCookies...)
	}}
	mux := http.NewServeMux()
	form := func(w http.ResponseWriter, msg string) {
		http.SetCookie(w, &http.Cookie{Name: "csrf", Value: "tok-42", Path: "/"})
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Sign in</title><p>%s</p>
<form id="search" action="/search"><input name="q"></form>
<form method="post" action="%s">
<input type="hidden" name="csrf_token" value="tok-42">
<input name="user"><input type="password" name="pass">
<input type="checkbox" name="remember" value="yes" checked>
<select name="lang"><option value="en">English</option><option value="fr" selected>Français</option></select>
<input type="submit" name="go" value="Sign in"></form>`, msg, action)
	}
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) { form(w, "") })
	mux.HandleFunc("POST /session", func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		m.posts++
		m.mu.Unlock()
		c, err := r.Cookie("csrf")
		ok := err == nil && c.Value == "tok-42" && r.PostFormValue("csrf_token") == "tok-42" &&
			r.PostFormValue("user") == "alice" && r.PostFormValue("pass") == loginSecret &&
			r.PostFormValue("remember") == "yes" && r.PostFormValue("lang") == "fr" && r.PostFormValue("go") == ""
		if !ok {
			form(w, "Wrong user name or password")
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "session-abc", Path: "/", HttpOnly: true})
		http.Redirect(w, r, "/account", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /account", func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie("sid"); err != nil || c.Value != "session-abc" {
			http.Redirect(w, r, "/login", http.StatusFound)
			return
		}
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Your account</title>
<a href="/logout">Sign out</a> <a href="%s/partner">Partner</a>`, ext.URL)
	})
	m.Server = httptest.NewServer(mux)
	t.Cleanup(m.Close)
	return m
}

func loginOptions(site string) Options {
	o := DefaultOptions()
	o.Seeds = []string{site + "/account"}
	o.RequestTimeout = 5 * time.Second
	return o
}

func TestLogIn(t *testing.T) {
	fields := func(pass string) []LoginField {
		return []LoginField{{"user", "alice"}, {"pass", pass}}
	}
	for _, tc := range []struct {
		name     string
		login    func(site string) Login
		wantErr  string
		wantFail bool
	}{
		{"success selector", func(s string) Login {
			return Login{URL: s + "/login", Fields: fields(loginSecret), SuccessSelector: `a[href="/logout"]`}
		}, "", false},
		{"success URL as a path", func(s string) Login {
			return Login{URL: s + "/login", Fields: fields(loginSecret), SuccessURL: "/account"}
		}, "", false},
		{"no check: no password field after", func(s string) Login {
			return Login{URL: s + "/login", Fields: fields(loginSecret)}
		}, "", false},
		{"wrong password", func(s string) Login {
			return Login{URL: s + "/login", Fields: fields("wrong-" + loginSecret), SuccessSelector: `a[href="/logout"]`}
		}, "has no a[href=\"/logout\"]", true},
		{"wrong password, default check", func(s string) Login {
			return Login{URL: s + "/login", Fields: fields("wrong-" + loginSecret)}
		}, "still asks for a password", true},
		{"wrong landing URL", func(s string) Login {
			return Login{URL: s + "/login", Fields: fields(loginSecret), SuccessURL: "/dashboard"}
		}, "not " + "http", true},
		{"login page on another host", func(s string) Login {
			return Login{URL: "http://other.invalid/login", Fields: fields(loginSecret)}
		}, "not on an audited host", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMembersSite(t, "/session")
			cookies, err := LogIn(context.Background(), tc.login(m.URL), loginOptions(m.URL))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("LogIn: %v", err)
				}
				if len(cookies) == 0 || !hasCookie(cookies, "sid", "session-abc") {
					t.Errorf("cookies %v, want the session", cookies)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			if errors.Is(err, ErrLoginFailed) != tc.wantFail {
				t.Errorf("errors.Is(ErrLoginFailed) = %v", !tc.wantFail)
			}
			if strings.Contains(err.Error(), loginSecret) {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}

func hasCookie(cs []*http.Cookie, name, value string) bool {
	for _, c := range cs {
		if c.Name == name && c.Value == value {
			return true
		}
	}
	return false
}

// TestLogInNeverPostsElsewhere: a form whose action is on another host
// gets nothing, since that would hand the secrets to it.
func TestLogInNeverPostsElsewhere(t *testing.T) {
	var got []string
	var mu sync.Mutex
	thief := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.String())
		mu.Unlock()
	}))
	defer thief.Close()
	m := newMembersSite(t, thief.URL+"/steal")
	_, err := LogIn(context.Background(), Login{URL: m.URL + "/login", Fields: []LoginField{{"pass", loginSecret}}}, loginOptions(m.URL))
	if err == nil || !strings.Contains(err.Error(), "not an audited host") {
		t.Fatalf("err = %v", err)
	}
	if len(got) > 0 {
		t.Errorf("the other host was sent %v", got)
	}
}

// TestCrawlWithLoginCookies: the session from LogIn opens the account page
// to the crawl, and never goes to the external site it links to.
func TestCrawlWithLoginCookies(t *testing.T) {
	m := newMembersSite(t, "/session")
	o := loginOptions(m.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cookies, err := LogIn(ctx, Login{URL: m.URL + "/login", Fields: []LoginField{{"user", "alice"}, {"pass", loginSecret}},
		SuccessSelector: `a[href="/logout"]`}, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, withLogin := range []bool{false, true} {
		o := loginOptions(m.URL)
		if withLogin {
			o.Cookies = cookies
		}
		c, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		site, err := c.Run(ctx)
		if err != nil {
			t.Fatal(err)
		}
		account := site.Fetches[m.URL+"/account"]
		if account == nil {
			t.Fatalf("no fetch of /account: %v", site.Fetches)
		}
		if want := map[bool]int{false: http.StatusFound, true: http.StatusOK}[withLogin]; account.Status != want {
			t.Errorf("login %v: /account answered %d, want %d", withLogin, account.Status, want)
		}
	}
	seen := m.extSeen()
	if len(seen) == 0 {
		t.Fatal("the external link was not checked")
	}
	for _, c := range seen {
		if c != "" {
			t.Errorf("the external site got cookies: %q", c)
		}
	}
}

func TestLoginValidate(t *testing.T) {
	for _, tc := range []struct {
		l       Login
		wantErr string
	}{
		{Login{URL: "https://example.com/login", Fields: []LoginField{{"u", "x"}}}, ""},
		{Login{URL: "/login", Fields: []LoginField{{"u", "x"}}}, "absolute"},
		{Login{URL: "https://example.com/login"}, "at least one field"},
		{Login{URL: "https://example.com/login", Fields: []LoginField{{"", "x"}}}, "no name"},
		{Login{URL: "https://example.com/login", Fields: []LoginField{{"u", "x"}}, SuccessSelector: "a[["}, "not a valid CSS selector"},
	} {
		err := tc.l.Validate()
		if (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%+v: err = %v, want %q", tc.l, err, tc.wantErr)
		}
	}
}
