package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// start serves on loopback only; every request has a client timeout.
func start(t *testing.T, lim Limits) (string, *http.Client) {
	t.Helper()
	s, err := newServer(2, lim)
	require.NoError(t, err)
	ts := httptest.NewServer(s) // 127.0.0.1
	t.Cleanup(ts.Close)
	require.True(t, strings.HasPrefix(ts.URL, "http://127.0.0.1:"), ts.URL)
	return ts.URL + "/run", &http.Client{Timeout: 20 * time.Second}
}

func post(t *testing.T, c *http.Client, url string, body any) (int, map[string]any) {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	resp, err := c.Post(url, "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func payload(t *testing.T, elem ...string) string {
	b, err := os.ReadFile(filepath.Join(append([]string{"..", "..", "testdata"}, elem...)...))
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(b)
}

// TestClientRequest replays the request client.py wrote and compares the
// results with what CPython computed.
func TestClientRequest(t *testing.T) {
	url, c := start(t, DefaultLimits)
	b, err := os.ReadFile("testdata/request.json")
	require.NoError(t, err)
	var req map[string]any
	require.NoError(t, json.Unmarshal(b, &req))
	want := req["expected"]
	delete(req, "expected")
	code, out := post(t, c, url, req)
	require.Equal(t, http.StatusOK, code, out)
	assert.Equal(t, want, out["results"])
	assert.Len(t, out["tasks"], 2)
}

func TestErrors(t *testing.T) {
	url, c := start(t, Limits{MaxBody: 1 << 16, MaxPartitions: 4, MaxSteps: 100_000, Timeout: 5 * time.Second})
	code, out := post(t, c, url, map[string]any{"payload": payload(t, "exec", "plain", "raise_on_negative", "py3.12.pkl"),
		"records": []any{1, -2}, "partitions": 2})
	assert.Equal(t, http.StatusUnprocessableEntity, code)
	assert.Equal(t, 1.0, out["partition"])
	assert.Equal(t, 1.0, out["attempt"])
	assert.True(t, strings.HasSuffix(out["traceback"].(string), "ValueError: negative: -2"), out)

	code, out = post(t, c, url, map[string]any{"payload": payload(t, "check", "call_os_system.pkl")})
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Equal(t, "refused by the checker", out["error"])
	assert.Contains(t, out["findings"], "dangerous-call")

	code, _ = post(t, c, url, map[string]any{"payload": strings.Repeat("A", 1<<17)})
	assert.Equal(t, http.StatusRequestEntityTooLarge, code)

	code, out = post(t, c, url, map[string]any{"payload": payload(t, "exec", "plain", "spin", "py3.12.pkl"), "records": []any{1}})
	assert.Equal(t, http.StatusUnprocessableEntity, code, out) // the step budget
	assert.Contains(t, out["error"], "step budget")

	url2, c2 := start(t, Limits{MaxBody: 1 << 16, MaxPartitions: 4, Timeout: 100 * time.Millisecond})
	code, out = post(t, c2, url2, map[string]any{"payload": payload(t, "exec", "plain", "spin", "py3.12.pkl"), "records": []any{1}})
	assert.Equal(t, http.StatusGatewayTimeout, code, out)

	code, _ = post(t, c, url, map[string]any{"payload": "!!", "records": []any{1}})
	assert.Equal(t, http.StatusBadRequest, code)
	code, _ = post(t, c, url, map[string]any{"payload": "", "partitions": 99})
	assert.Equal(t, http.StatusBadRequest, code)
	resp, err := c.Get(url)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}
