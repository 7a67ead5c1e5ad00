package textwrap_test

import (
	"fmt"

	"github.com/winwin-sim/winwin/internal/textwrap"
)

func ExampleWrap() {
	fmt.Print(textwrap.Wrap(30, "▸ ", "  ", "the seller opens with an extreme anchor, far from any deal"))
	// A no-break space keeps "8 weeks" on one line.
	fmt.Print(textwrap.Wrap(16, "", "", "a fair deal: 8"+textwrap.NoBreak+"weeks, worth 0.80 to you"))
	// Output:
	// ▸ the seller opens with an
	//   extreme anchor, far from any
	//   deal
	// a fair deal:
	// 8 weeks, worth
	// 0.80 to you
}
