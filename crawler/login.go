package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
)

// Login describes a login form to submit once before the crawl, so that the
// audit sees what a signed-in user sees.
type Login struct {
	// URL is the page that holds the login form. It must be on an audited
	// host: its cookies are sent there and nowhere else.
	URL string
	// Fields are the values to fill in, by input name. They are secrets:
	// they are never logged and never part of an error.
	Fields []LoginField
	// SuccessSelector, when set, must match an element of the page the
	// form lands on (e.g. "a[href='/logout']").
	SuccessSelector string
	// SuccessURL, when set, is where the form must land: the final URL
	// after redirects must start with it. A path is taken relative to URL.
	SuccessURL string
}

// LoginField is one form value.
type LoginField struct {
	Name  string
	Value string
}

// Validate checks a login's settings before anything is fetched.
func (l Login) Validate() error {
	u, err := url.Parse(l.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("the login URL %q is not an absolute http(s) URL", l.URL)
	}
	if len(l.Fields) == 0 {
		return errors.New("a login needs at least one field")
	}
	for _, f := range l.Fields {
		if f.Name == "" {
			return errors.New("a login field has no name")
		}
	}
	if l.SuccessSelector != "" {
		if _, err := cascadia.Compile(l.SuccessSelector); err != nil {
			return fmt.Errorf("the login success selector %q is not a valid CSS selector: %w", l.SuccessSelector, err)
		}
	}
	return nil
}

// ErrLoginFailed is wrapped by the errors of a login that ran but did not
// succeed.
var ErrLoginFailed = errors.New("login failed")

// loginBodyLimit bounds the pages read while logging in.
const loginBodyLimit = 4 << 20

// LogIn fetches the login page, fills in its form (keeping the hidden
// fields the page set, such as a CSRF token), submits it to the form's
// action, checks that the login worked, and returns the session cookies
// set for the audited hosts. It uses o's TLS setting, user agent, headers,
// cookies and basic auth, and its guard against private addresses.
func LogIn(ctx context.Context, l Login, o Options) ([]*http.Cookie, error) {
	var seeds []string
	for _, s := range o.Seeds {
		if c, _, err := Normalize(nil, s); err == nil {
			seeds = append(seeds, c)
		}
	}
	sc := newScope(seeds, o.AllowSubdomains)
	loginURL, _, err := Normalize(nil, l.URL)
	if err != nil {
		return nil, fmt.Errorf("login URL %q: %w", l.URL, err)
	}
	if !sc.contains(Host(loginURL)) {
		return nil, fmt.Errorf("the login URL %s is not on an audited host: its cookies would go nowhere the audit goes", loginURL)
	}
	allowPrivate := seedsArePrivate(ctx, seeds)
	if o.AllowPrivate != nil {
		allowPrivate = *o.AllowPrivate
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	base := newBaseTransport(o.Insecure, 2, allowPrivate)
	defer base.CloseIdleConnections()
	client := &http.Client{
		Jar:     jar,
		Timeout: o.RequestTimeout,
		Transport: &credentialTransport{
			next: base, inScope: sc.contains, header: o.Header, cookies: o.Cookies,
			user: o.BasicUser, pass: o.BasicPass, hasAuth: o.BasicAuth,
		},
		// Redirects stay on the audited hosts: the session is theirs.
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("too many redirects")
			}
			if !sc.contains(req.URL.Host) {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
	get := func(ctx context.Context, method, u string, body url.Values) (*http.Response, *goquery.Document, error) {
		var rd io.Reader
		if body != nil {
			rd = strings.NewReader(body.Encode())
		}
		req, err := http.NewRequestWithContext(ctx, method, u, rd)
		if err != nil {
			return nil, nil, err
		}
		req.Header.Set("User-Agent", o.UserAgent)
		if body != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		doc, err := goquery.NewDocumentFromReader(io.LimitReader(resp.Body, loginBodyLimit))
		if err != nil {
			return resp, nil, fmt.Errorf("parse %s: %w", resp.Request.URL, err)
		}
		return resp, doc, nil
	}

	resp, doc, err := get(ctx, http.MethodGet, loginURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch the login page: %w", err)
	}
	if resp.StatusCode >= 400 {
		return nil, fmt.Errorf("fetch the login page %s: status %d", loginURL, resp.StatusCode)
	}
	page := resp.Request.URL
	action, method, values, err := fillForm(doc, page, l.Fields)
	if err != nil {
		return nil, err
	}
	if !sc.contains(action.Host) {
		return nil, fmt.Errorf("the login form posts to %s, which is not an audited host: not sending the fields there", action.Redacted())
	}
	var body url.Values
	if method == http.MethodGet {
		action.RawQuery = values.Encode()
	} else {
		body = values
	}
	resp, doc, err = get(ctx, method, action.String(), body)
	if err != nil {
		return nil, fmt.Errorf("submit the login form: %w", err)
	}
	if err := l.succeeded(resp, doc, page); err != nil {
		return nil, err
	}
	var cookies []*http.Cookie
	seen := map[string]bool{}
	for _, s := range append([]string{resp.Request.URL.String()}, seeds...) {
		u, err := url.Parse(s)
		if err != nil {
			continue
		}
		for _, c := range jar.Cookies(u) {
			if !seen[c.Name] {
				seen[c.Name] = true
				cookies = append(cookies, &http.Cookie{Name: c.Name, Value: c.Value})
			}
		}
	}
	if len(cookies) == 0 {
		return nil, fmt.Errorf("%w: the site set no cookie", ErrLoginFailed)
	}
	return cookies, nil
}

// succeeded checks the page the login form landed on.
func (l Login) succeeded(resp *http.Response, doc *goquery.Document, loginPage *url.URL) error {
	final := resp.Request.URL
	if resp.StatusCode >= 400 {
		return fmt.Errorf("%w: the form answered status %d at %s", ErrLoginFailed, resp.StatusCode, final.Redacted())
	}
	if l.SuccessURL != "" {
		want, err := loginPage.Parse(l.SuccessURL)
		if err != nil {
			return fmt.Errorf("--login-success-url %q: %w", l.SuccessURL, err)
		}
		if !strings.HasPrefix(final.String(), want.String()) {
			return fmt.Errorf("%w: landed on %s, not %s", ErrLoginFailed, final.Redacted(), want.Redacted())
		}
	}
	if l.SuccessSelector != "" {
		sel, err := cascadia.Compile(l.SuccessSelector)
		if err != nil {
			return fmt.Errorf("--login-success-selector %q: %w", l.SuccessSelector, err)
		}
		if doc == nil || doc.FindMatcher(sel).Length() == 0 {
			return fmt.Errorf("%w: the page after login (%s) has no %s", ErrLoginFailed, final.Redacted(), l.SuccessSelector)
		}
	}
	if l.SuccessURL == "" && l.SuccessSelector == "" && doc != nil && doc.Find(`input[type=password i]`).Length() > 0 {
		return fmt.Errorf("%w: the page after login (%s) still asks for a password", ErrLoginFailed, final.Redacted())
	}
	return nil
}

// fillForm picks the login form of doc (the one holding the given fields,
// else the one with a password input, else the only one), collects its
// fields with their current values (hidden CSRF tokens included), sets the
// given ones, and returns where and how to submit it. A page without a
// form gets the fields posted to itself.
func fillForm(doc *goquery.Document, page *url.URL, fields []LoginField) (action *url.URL, method string, values url.Values, err error) {
	forms := doc.Find("form")
	var form *goquery.Selection
	forms.EachWithBreak(func(_ int, f *goquery.Selection) bool {
		for _, fl := range fields {
			if f.Find(fmt.Sprintf(`[name=%q]`, fl.Name)).Length() > 0 {
				form = f
				return false
			}
		}
		return true
	})
	if form == nil {
		forms.EachWithBreak(func(_ int, f *goquery.Selection) bool {
			if f.Find(`input[type=password i]`).Length() > 0 {
				form = f
				return false
			}
			return true
		})
	}
	if form == nil && forms.Length() == 1 {
		form = forms.First()
	}
	values = url.Values{}
	action, method = page, http.MethodPost
	if form != nil {
		if a, ok := form.Attr("action"); ok && strings.TrimSpace(a) != "" {
			if action, err = page.Parse(strings.TrimSpace(a)); err != nil {
				return nil, "", nil, fmt.Errorf("the login form's action %q: %w", a, err)
			}
		}
		if m, _ := form.Attr("method"); strings.EqualFold(strings.TrimSpace(m), "get") {
			method = http.MethodGet
		}
		form.Find("input, select, textarea").Each(func(_ int, in *goquery.Selection) {
			name, ok := in.Attr("name")
			if !ok || name == "" {
				return
			}
			if _, disabled := in.Attr("disabled"); disabled {
				return
			}
			switch goquery.NodeName(in) {
			case "textarea":
				values.Add(name, in.Text())
			case "select":
				opt := in.Find("option[selected]").First()
				if opt.Length() == 0 {
					opt = in.Find("option").First()
				}
				if v, ok := opt.Attr("value"); ok {
					values.Add(name, v)
				} else if opt.Length() > 0 {
					values.Add(name, strings.TrimSpace(opt.Text()))
				}
			default:
				typ := strings.ToLower(in.AttrOr("type", "text"))
				switch typ {
				case "submit", "button", "image", "reset", "file":
					return
				case "checkbox", "radio":
					if _, checked := in.Attr("checked"); !checked {
						return
					}
					values.Add(name, in.AttrOr("value", "on"))
				default:
					values.Add(name, in.AttrOr("value", ""))
				}
			}
		})
	}
	for _, f := range fields {
		values.Set(f.Name, f.Value)
	}
	if action.Scheme != "http" && action.Scheme != "https" {
		return nil, "", nil, fmt.Errorf("the login form's action is not http(s): %s", action.Scheme)
	}
	return action, method, values, nil
}
