package words_test

import (
	"fmt"
	"testing"

	"github.com/winwin-sim/winwin/internal/words"
)

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 deals"}, {1, "1 deal"}, {2, "2 deals"}, {-1, "-1 deals"}, {1000, "1000 deals"}} {
		if got := words.Count(tt.n, "deal"); got != tt.want {
			t.Errorf("Count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func ExampleCount() {
	fmt.Println(words.Count(1, "round"), "and", words.Count(3, "deal"))
	// Output: 1 round and 3 deals
}
