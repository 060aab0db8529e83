package report

import (
	"bytes"
	"io"
	"testing"
)

func TestRound(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		d    int
		want float64
	}{{1.005, 2, 1}, {1.2345, 2, 1.23}, {-2.5, 0, -3}, {1234.5, -2, 1200}} {
		if got := Round(tt.x, tt.d); got != tt.want {
			t.Errorf("Round(%v, %d) = %v, want %v", tt.x, tt.d, got, tt.want)
		}
	}
}

func TestMoney(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want string
	}{{1234567, "1.23M"}, {-12345, "-12.3k"}, {123.4, "123"}, {0, "0"}} {
		if got := Money(tt.x); got != tt.want {
			t.Errorf("Money(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
}

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	rep := struct {
		A int `json:"a"`
	}{3}
	text := func(w io.Writer) error { _, err := io.WriteString(w, "three\n"); return err }
	if err := Write(&buf, true, rep, text); err != nil || buf.String() != "{\n  \"a\": 3\n}\n" {
		t.Errorf("JSON = %q, %v", buf.String(), err)
	}
	buf.Reset()
	if err := Write(&buf, false, rep, text); err != nil || buf.String() != "three\n" {
		t.Errorf("text = %q, %v", buf.String(), err)
	}
}
