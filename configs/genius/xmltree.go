package genius

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A node is one element of an XML file, with the line it starts on, so
// that errors can point at it.
type node struct {
	name  string
	attrs []xml.Attr
	kids  []*node
	line  int
}

// Bounds of the XML winwin reads: scenario files are small and flat.
const (
	maxDepth = 32
	maxNodes = 1_000_000
)

// parseXML reads data into a tree of elements. Character data and
// comments are dropped: GENIUS files keep everything in attributes.
func parseXML(data []byte, file string) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var (
		root  *node
		stack []*node
		count int
	)
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &Error{File: file, Line: line, Msg: fmt.Sprintf("not well-formed XML: %v", unprefix(err)), Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if len(stack) >= maxDepth || count > maxNodes {
				return nil, &Error{File: file, Line: line, Element: "<" + t.Name.Local + ">", Msg: fmt.Sprintf("too deep or too large: scenario files nest at most %d elements, %d in all", maxDepth, maxNodes)}
			}
			// Whitespace before an element is a token of its own, so
			// line is the line of the element's "<".
			n := &node{name: t.Name.Local, attrs: t.Attr, line: line}
			if len(stack) == 0 {
				if root != nil {
					return nil, &Error{File: file, Line: n.line, Element: n.tag(), Msg: "a second root element"}
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if root == nil {
		return nil, &Error{File: file, Msg: "no XML element in the file"}
	}
	return root, nil
}

// unprefix drops the "XML syntax error on line N: " the decoder puts in
// front of its messages, since Error gives the line.
func unprefix(err error) string {
	s := err.Error()
	if _, rest, ok := strings.Cut(s, ": "); ok && strings.HasPrefix(s, "XML syntax error") {
		return rest
	}
	return s
}

// attr returns the value of the attribute called name, and whether it is
// there.
func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// get returns the attribute called name, or "".
func (n *node) get(name string) string {
	v, _ := n.attr(name)
	return v
}

// children returns the child elements called name.
func (n *node) children(name string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// child returns the first child element called name, or nil.
func (n *node) child(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// tag describes the element for errors: its name with its name and
// index attributes, `<issue name="Food" index="1">`.
func (n *node) tag() string {
	var b strings.Builder
	b.WriteString("<" + n.name)
	for _, k := range []string{"name", "index", "value"} {
		if v, ok := n.attr(k); ok {
			fmt.Fprintf(&b, " %s=%q", k, v)
		}
	}
	b.WriteString(">")
	return b.String()
}
