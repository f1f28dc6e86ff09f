package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"rdjy.local/portal/generator/internal/manifest"
)

// VerifyOptions control a verification.
type VerifyOptions struct {
	// Expected is the manifest to check against; nil: the target's own.
	Expected *manifest.Manifest
	Jobs     int           // requests or reads at once; 4 when zero
	Timeout  time.Duration // per HTTP request; 30 s when zero
	Progress func(done, total int)
}

// Finding is a difference between a target and its manifest.
type Finding struct {
	Name string
	What string // "missing", "changed", "unexpected" or "unchecked"
	Why  string // for "unchecked": what went wrong
}

// Report is the result of a verification.
type Report struct {
	Target   string
	Against  *manifest.Manifest
	Own      *manifest.Manifest // the target's manifest.sha256; nil when it has none
	Checked  int                // files read and hashed
	Findings []Finding
	Foreign  []string // files the last publish found there and kept
	Pending  bool     // a publish is under way, or was cut off
	Listed   bool     // the target's files could be listed (not over HTTP)
}

// ManifestDiffers reports whether the target's manifest.sha256 is not the
// one checked against.
func (r *Report) ManifestDiffers() bool {
	return r.Own == nil || r.Own.Sum() != r.Against.Sum()
}

// OK reports whether the target holds exactly the published files.
func (r *Report) OK() bool { return len(r.Findings) == 0 && !r.ManifestDiffers() }

// Count counts the findings of one kind.
func (r *Report) Count(what string) int {
	n := 0
	for _, f := range r.Findings {
		if f.What == what {
			n++
		}
	}
	return n
}

func (r *Report) sort() {
	slices.SortFunc(r.Findings, func(a, b Finding) int { return strings.Compare(a.Name, b.Name) })
}

// Verify checks every file of the target (a folder or a server over SFTP)
// against the expected manifest, and looks for files that are not in it.
func Verify(ctx context.Context, t Target, opts VerifyOptions) (*Report, error) {
	opts.defaults()
	all, err := t.Walk(ctx)
	if err != nil {
		return nil, describe(t, "reading the files of", err)
	}
	r := &Report{Target: t.String(), Listed: true}
	files := map[string]FileInfo{}
	var hasState bool
	for _, f := range all {
		switch {
		case f.Name == manifest.Name:
			data, err := readAll(t, manifest.Name)
			if err != nil {
				return nil, describe(t, "reading the manifest of", err)
			}
			if r.Own, err = manifest.Parse(manifest.Name, data); err != nil {
				r.Findings = append(r.Findings, Finding{Name: manifest.Name, What: "changed", Why: err.Error()})
			}
		case f.Name == PendingFile:
			r.Pending = true
		case f.Name == StateFile:
			hasState = true
		case !own(f.Name):
			files[f.Name] = f
		}
	}
	if err := r.setExpected(t.String(), opts); err != nil {
		return nil, err
	}
	var st *state
	if hasState {
		if data, err := readAll(t, StateFile); err == nil {
			st, _ = parseState(data)
		}
	}
	for _, name := range sortedKeys(files) {
		if _, ok := r.Against.Lookup(name); ok {
			continue
		}
		if f, known := st.file(name); known && f.foreign {
			r.Foreign = append(r.Foreign, name)
		} else {
			r.Findings = append(r.Findings, Finding{Name: name, What: "unexpected"})
		}
	}
	var mu sync.Mutex
	var present []manifest.Entry
	for _, e := range r.Against.Entries() {
		if _, ok := files[e.Name]; ok {
			present = append(present, e)
		} else {
			r.Findings = append(r.Findings, Finding{Name: e.Name, What: "missing"})
		}
	}
	err = each(ctx, opts.Jobs, present, func(e manifest.Entry) error {
		sum, _, err := hashOf(t, e.Name)
		if err != nil {
			return describe(t, "reading "+e.Name+" on", err)
		}
		mu.Lock()
		defer mu.Unlock()
		r.Checked++
		if sum != e.Sum {
			r.Findings = append(r.Findings, Finding{Name: e.Name, What: "changed"})
		}
		if opts.Progress != nil {
			opts.Progress(r.Checked, len(present))
		}
		return nil
	})
	r.sort()
	return r, err
}

func (o *VerifyOptions) defaults() {
	if o.Jobs <= 0 {
		o.Jobs = 4
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
}

func (r *Report) setExpected(where string, opts VerifyOptions) error {
	r.Against = opts.Expected
	if r.Against != nil {
		return nil
	}
	if r.Own == nil {
		return fmt.Errorf("%s has no %s to check against: nothing was published there with publish, or give the manifest to check with -manifest", where, manifest.Name)
	}
	r.Against = r.Own
	return nil
}

// each runs fn on every entry, jobs at a time, until the first error.
func each(ctx context.Context, jobs int, entries []manifest.Entry, fn func(manifest.Entry) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	for _, e := range entries {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			return fn(e)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// VerifyHTTP checks the live site at the address base (such as
// https://www.example.gov.cn/rddbjy/) as residents get it: every file of
// the manifest, by its hash. It asks Jobs files at a time, each within
// Timeout, follows no redirect, and stops when the server keeps refusing.
// Files that are not in the manifest cannot be seen over HTTP.
func VerifyHTTP(ctx context.Context, client *http.Client, base string, opts VerifyOptions) (*Report, error) {
	opts.defaults()
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%s is not a web address such as https://www.example.gov.cn/rddbjy/", base)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	h := &httpSite{client: &c, base: u, timeout: opts.Timeout}
	r := &Report{Target: u.String()}

	data, _, status, err := h.get(ctx, manifest.Name, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", h.url(manifest.Name), err)
	}
	switch {
	case status.redirect != "":
		return nil, fmt.Errorf("%s redirects to %s: the server sends visitors elsewhere (a login page?), so the published files cannot be checked as residents get them",
			h.url(manifest.Name), status.redirect)
	case status.code == http.StatusNotFound && opts.Expected == nil:
		return nil, fmt.Errorf("%s is not there (404): check the address, or publish the site with publish", h.url(manifest.Name))
	case status.code == http.StatusNotFound:
		// Reported: the manifest differs (it is missing).
	case status.code != http.StatusOK:
		return nil, fmt.Errorf("%s: the server answers %s", h.url(manifest.Name), status.text)
	default:
		own, perr := manifest.Parse(manifest.Name, data)
		if perr != nil {
			if looksLikeHTML(data) {
				return nil, fmt.Errorf("%s is a web page, not a manifest (a login or error page?): the published files cannot be checked as residents get them", h.url(manifest.Name))
			}
			r.Findings = append(r.Findings, Finding{Name: manifest.Name, What: "changed", Why: perr.Error()})
		}
		r.Own = own
	}
	if err := r.setExpected(h.url(manifest.Name), opts); err != nil {
		return nil, err
	}

	var mu sync.Mutex
	refusals := 0 // requests refused in a row
	entries := r.Against.Entries()
	err = each(ctx, opts.Jobs, entries, func(e manifest.Entry) error {
		_, sum, status, err := h.get(ctx, e.Name, false)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		mu.Lock()
		defer mu.Unlock()
		r.Checked++
		if opts.Progress != nil {
			opts.Progress(r.Checked, len(entries))
		}
		var why string
		switch {
		case err != nil:
			why = err.Error()
		case status.redirect != "":
			why = "redirects to " + status.redirect
		case status.code == http.StatusNotFound || status.code == http.StatusGone:
			r.Findings = append(r.Findings, Finding{Name: e.Name, What: "missing"})
		case status.code != http.StatusOK:
			why = "the server answers " + status.text
		case sum != e.Sum:
			r.Findings = append(r.Findings, Finding{Name: e.Name, What: "changed"})
		}
		if why == "" {
			refusals = 0
			return nil
		}
		r.Findings = append(r.Findings, Finding{Name: e.Name, What: "unchecked", Why: why})
		if refusals++; refusals == 10 {
			return fmt.Errorf("stopped after 10 requests in a row failed (the last: %s %s); the server may be refusing this computer", h.url(e.Name), why)
		}
		return nil
	})
	r.sort()
	return r, err
}

func looksLikeHTML(data []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 512)]))
	return bytes.HasPrefix(head, []byte("<")) || bytes.Contains(head, []byte("<html"))
}

type httpSite struct {
	client  *http.Client
	base    *url.URL
	timeout time.Duration
}

type httpStatus struct {
	code     int
	text     string
	redirect string
}

// url is the address of the site's file name, each part escaped. A page
// (a folder's index.html) is asked for at its own address, ending in /, as
// residents ask for it.
func (h *httpSite) url(name string) string {
	if name == "index.html" {
		return h.base.String()
	}
	name, page := strings.CutSuffix(name, "/index.html")
	if page {
		return h.url(name) + "/"
	}
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return h.base.String() + strings.Join(parts, "/")
}

// get fetches a file within the timeout and returns its hash, and its
// bytes when keep is set. Bodies of redirects and errors are not kept.
func (h *httpSite) get(ctx context.Context, name string, keep bool) ([]byte, manifest.Sum, httpStatus, error) {
	var sum manifest.Sum
	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.url(name), nil)
	if err != nil {
		return nil, sum, httpStatus{}, err
	}
	req.Header.Set("User-Agent", "portal-verify (checks the published files against manifest.sha256)")
	resp, err := h.client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			return nil, sum, httpStatus{}, fmt.Errorf("no answer within %s", h.timeout)
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, sum, httpStatus{}, err
	}
	defer resp.Body.Close()
	st := httpStatus{code: resp.StatusCode, text: resp.Status}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		st.redirect = resp.Header.Get("Location")
		if st.redirect == "" {
			st.redirect = "(no address)"
		}
		return nil, sum, st, nil
	}
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, sum, st, nil
	}
	hash := sha256.New()
	var body bytes.Buffer
	var w io.Writer = hash
	if keep {
		w = io.MultiWriter(hash, &body)
	}
	if _, err := io.Copy(w, resp.Body); err != nil {
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			return nil, sum, st, fmt.Errorf("no complete answer within %s", h.timeout)
		}
		return nil, sum, st, err
	}
	hash.Sum(sum[:0])
	return body.Bytes(), sum, st, nil
}
