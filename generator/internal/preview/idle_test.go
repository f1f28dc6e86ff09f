package preview

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/build"
)

// TestIdleConnectionsAreClosed: a keep-alive connection that no request
// uses is closed after idleTimeout, instead of being held forever.
func TestIdleConnectionsAreClosed(t *testing.T) {
	idleTimeout = 300 * time.Millisecond
	defer func() { idleTimeout = time.Minute }()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, ln, Options{Site: build.Options{Source: "../build/testdata/site"}, Stdout: io.Discard, Stderr: io.Discard})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	var conn net.Conn
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if conn, err = net.Dial("tcp", ln.Addr().String()); err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	if _, err := r.ReadByte(); err != io.EOF {
		t.Errorf("the idle connection was not closed: %v", err)
	}
}
